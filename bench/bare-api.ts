/**
 * The bare peer of the HTTP API for the sessions benchmark: the routes its API traffic uses (bench/api-traffic.ts),
 * answered from a Map with the same shapes and the same revision rule, on node:http. It stands beside the bare
 * Socket.IO echo server so both servers in a round take the same requests; what Switchboard adds on top (Next.js,
 * validation, PostgreSQL) is what the ratio measures.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";

interface StoredFlow {
  id: string;
  name: string;
  revision: number;
  graph: unknown;
}

export function bareApi(): (request: IncomingMessage, response: ServerResponse) => void {
  const flows = new Map<string, StoredFlow>();
  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  return (request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", () => {
      const body = text ? (JSON.parse(text) as { name?: string; graph?: unknown; revision?: number }) : {};
      const [, , resource, id, action] = (request.url ?? "").split("?")[0]!.split("/");
      if (resource !== "flows") return send(response, 404, { error: { code: "not_found" } });
      if (id === undefined) {
        if (request.method === "GET")
          return send(response, 200, { flows: [...flows.values()].map(({ graph: _graph, ...summary }) => summary) });
        const created = { id: randomUUID(), name: body.name ?? "", revision: 1, graph: body.graph };
        flows.set(created.id, created);
        return send(response, 201, { flow: created });
      }
      // The echo server runs no flow: any id gets a token, which it does not check.
      if (action === "sessions") return send(response, 201, { token: "bare", sessionId: randomUUID() });
      const stored = flows.get(id);
      if (!stored) return send(response, 404, { error: { code: "not_found" } });
      if (request.method === "GET") return send(response, 200, { flow: stored });
      if (body.revision !== stored.revision) return send(response, 409, { error: { code: "revision_conflict", current: stored } });
      const saved = { ...stored, name: body.name ?? stored.name, revision: stored.revision + 1 };
      flows.set(id, saved);
      return send(response, 200, { flow: saved });
    });
  };
}
