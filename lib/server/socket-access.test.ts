import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as flowSessions from "@/app/api/flows/[id]/sessions/route";
import { issueSessionToken } from "@/lib/auth/session-token";
import type { CollabServer } from "@/lib/collab/collab-server";
import { writeGraph } from "@/lib/collab/flow-doc";
import { closeDatabase } from "@/lib/db/database";
import { describeEachDatabase } from "@/lib/db/test-databases";
import { createFlow } from "@/lib/flows/flow-repository";
import { CollabTestClient } from "@/lib/testing/collab-client";
import { startCollabTestServer } from "@/lib/testing/collab-test-server";
import { signUpForTest, type SignedIn } from "@/lib/testing/signed-in";
import { RecordingClient } from "@/lib/testing/socket-client";
import { requestAs, routeParams, setUpTeam } from "@/lib/testing/team-workspace";
import { removeMember, setMemberRole } from "@/lib/workspaces/workspace-repository";
import { createWorkspace } from "@/lib/workspaces/workspace-repository";
import * as Y from "yjs";
import type { RunningServer } from "./start-server";

/*
 * Generated from the socket event handlers on disk, as app/api/workspace-access.test.ts is from the route handlers:
 * every `socket.on("…")` of a Socket.IO server under lib/ must be listed below with the check that guards it, and each
 * check is tried by those it must keep out (an anonymous caller, a forged credential, a member of another workspace,
 * a viewer, a member removed after their credential was made). A new event without an entry makes this test fail.
 */

/** Connection events every socket has; they act on nothing of a workspace. */
const LIFECYCLE = new Set(["disconnect", "disconnecting", "error"]);

/**
 * Who may send each event. `/collab` events reach a room only after the handshake checked the session cookie and the
 * caller's access to the flow: `edit` events are refused for viewers, `view` events are for anyone who may open the
 * flow. The runtime namespace `/` acts on the one session a signed token opened (its handshake checks the token and
 * that its user may still test in its workspace): `call` events.
 */
const SOCKET_EVENTS: Record<string, "edit" | "view" | "call"> = {
  "/collab update": "edit",
  "/collab presence": "view",
  "/ utterance": "call",
  "/ hangup": "call",
  "/ audio": "call",
  "/ playout": "call",
};

/** The namespace a file's handlers serve, by where the file is. */
const NAMESPACE_OF: Array<[dir: string, namespace: string]> = [
  ["lib/collab/", "/collab"],
  ["lib/runtime/transports/", "/"],
];

const ROOT = path.join(import.meta.dirname, "..", "..");

/** `namespace event` for every `socket.on("event"` in the non-test files under lib/ that use a Socket.IO server. */
function socketEventsOnDisk(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = `${dir}${entry.name}`;
      if (entry.isDirectory()) {
        if (relative !== "lib/testing" && relative !== "lib/generated") walk(`${relative}/`);
        continue;
      }
      if (!entry.name.endsWith(".ts") || entry.name.endsWith(".test.ts")) continue;
      const source = readFileSync(path.join(ROOT, relative), "utf8");
      if (!/from "socket\.io"/.test(source)) continue;
      for (const [, event] of source.matchAll(/\bsocket\.on\("([^"]+)"/g)) {
        if (event === undefined || LIFECYCLE.has(event)) continue;
        const namespace = NAMESPACE_OF.find(([prefix]) => relative.startsWith(prefix))?.[1];
        found.add(`${namespace ?? `(no namespace known for ${relative}: add it to NAMESPACE_OF)`} ${event}`);
      }
    }
  };
  walk("lib/");
  return [...found].sort();
}

it("lists every socket event a server handles, with the check that guards it", () => {
  expect(socketEventsOnDisk()).toEqual(Object.keys(SOCKET_EVENTS).sort());
});

describeEachDatabase("who may send each socket event", (current) => {
  const previousUrl = process.env.DATABASE_URL;
  let server: RunningServer;
  let collab: CollabServer;
  let owner: SignedIn;
  let viewer: SignedIn;
  let outsider: SignedIn;
  let flowId: string;
  let workspaceId: string;
  let outsidersFlowId: string;
  const open: Array<{ close(): void }> = [];

  beforeAll(async () => {
    process.env.SWITCHBOARD_SECRET ??= "test-secret-of-at-least-thirty-two-characters";
    await closeDatabase();
    process.env.DATABASE_URL = current().url;
    ({ server, collab } = await startCollabTestServer(current()));
    owner = await signUpForTest({ name: "Olivia Owner" });
    viewer = await signUpForTest({ name: "Vera Viewer" });
    outsider = await signUpForTest({ name: "Oscar Outsider" });
    ({ workspaceId, flowId } = await setUpTeam(current().db, owner, [{ who: viewer, role: "viewer" }]));
    const elsewhere = await createWorkspace(current().db, outsider.user.id, "Oscar's desk");
    outsidersFlowId = (await createFlow(current().db, elsewhere.id, { name: "Oscar's flow", templateId: "appointment-booking" })).id;
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await collab?.close();
    await server?.stop();
    await closeDatabase();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  const storedFlow = () => current().db.flow.findUniqueOrThrow({ where: { id: flowId }, select: { revision: true, graph: true } });
  const eventsChecked = (check: "edit" | "view" | "call") =>
    Object.entries(SOCKET_EVENTS)
      .filter(([, guard]) => guard === check)
      .map(([key]) => key.split(" ")[1]!);

  const collabClient = (who: SignedIn | null, cookie = who?.cookie, flow = flowId) => {
    const client = new CollabTestClient(server.url, flow, cookie);
    open.push(client);
    return client;
  };
  const collabRefusal = (client: CollabTestClient) =>
    client.joined().then(
      () => "joined",
      (error: Error) => error.message,
    );

  /** What a client sends for each event, valid in shape, so that only the access check can refuse it. */
  const collabPayload = (client: CollabTestClient, event: string): unknown => {
    if (event === "presence") return { cursor: { x: 10, y: 20 }, selection: [] };
    if (event === "update") {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
      const before = Y.encodeStateVector(copy);
      const graph = client.graph();
      copy.transact(() => writeGraph(copy, graph.graph, `${graph.name} (changed by someone who may not)`));
      return Y.encodeStateAsUpdate(copy, before);
    }
    throw new Error(`no payload for /collab ${event}: add one here`);
  };

  it("/collab: an anonymous caller, a forged cookie and a member of another workspace never get past the handshake", async () => {
    expect(await collabRefusal(collabClient(null))).toBe("unauthenticated");
    expect(await collabRefusal(collabClient(null, "better-auth.session_token=forged.forged"))).toBe("unauthenticated");
    expect(await collabRefusal(collabClient(outsider))).toBe("flow_not_found");
    // Nor with a flow of their own named beside: one handshake names one flow, and it is checked.
    expect(await collabRefusal(collabClient(owner, owner.cookie, outsidersFlowId))).toBe("flow_not_found");
  });

  it("/collab: a viewer's edit events are refused and change nothing; their view events are passed on", async () => {
    const watcher = collabClient(owner);
    await watcher.joined();
    const client = collabClient(viewer);
    const joined = await client.joined();
    expect(joined.role).toBe("viewer");
    const before = await storedFlow();
    for (const event of eventsChecked("edit")) {
      const answer = (await client.socket.timeout(5000).emitWithAck(event, collabPayload(client, event))) as { ok: boolean; code?: string };
      expect({ event, answer }).toEqual({ event, answer: expect.objectContaining({ ok: false, code: "read_only" }) });
    }
    for (const event of eventsChecked("view")) {
      const seen = watcher.waitFor((one) => one.event === "peer" && one.data.peerId === joined.peerId && one.data.cursor !== null);
      client.socket.emit(event, collabPayload(client, event));
      await expect(seen).resolves.toBeTruthy();
    }
    expect(await storedFlow()).toEqual(before);
    expect(watcher.graph().name).toBe("Booking");
  });

  it("/: call events need a session token of this server for someone who may still test in the flow's workspace", async () => {
    const sessionsBefore = await current().db.session.count();
    const refusal = async (auth: Record<string, unknown>) => {
      const client = new RecordingClient(server.url, auth);
      open.push({ close: () => client.socket.close() });
      // Whatever the client sends before the handshake is answered goes nowhere.
      for (const event of eventsChecked("call")) client.socket.emit(event, event === "utterance" ? { text: "hello" } : {});
      return client.connected().then(
        () => "connected",
        (error: Error & { data?: { code?: string } }) => error.data?.code ?? error.message,
      );
    };
    expect(await refusal({})).toBe("token_missing");
    const forged = await issueSessionToken({ sub: owner.user.id, workspaceId, flowId }, "a-secret-that-is-not-this-servers-secret-00");
    expect(await refusal({ token: forged.token })).toBe("token_bad_signature");
    // A token names its workspace: one of another workspace's flows is not found in it.
    const crossed = await issueSessionToken({ sub: owner.user.id, workspaceId, flowId: outsidersFlowId }, process.env.SWITCHBOARD_SECRET!);
    expect(await refusal({ token: crossed.token })).toBe("flow_not_found");

    // A teammate's token, minted while they could test, opens nothing once they were made a viewer or removed.
    const teammate = await signUpForTest({ name: "Theo Teammate" });
    await current().db.membership.create({ data: { workspaceId, userId: teammate.user.id, role: "editor" } });
    const mint = async () => {
      const issued = await flowSessions.POST(
        requestAs(teammate, `/flows/${flowId}/sessions`, { method: "POST", body: {} }),
        routeParams({ id: flowId }),
      );
      expect(issued.status).toBe(201);
      return ((await issued.json()) as { token: string }).token;
    };
    const beforeDemotion = await mint();
    await setMemberRole(current().db, workspaceId, teammate.user.id, "viewer");
    expect(await refusal({ token: beforeDemotion })).toBe("access_revoked");
    await setMemberRole(current().db, workspaceId, teammate.user.id, "editor");
    const beforeRemoval = await mint();
    await removeMember(current().db, workspaceId, teammate.user.id);
    expect(await refusal({ token: beforeRemoval })).toBe("access_revoked");
    expect(await current().db.session.count()).toBe(sessionsBefore);
  });
});
