import { request as httpRequest, type Agent, type ClientRequest, type IncomingMessage, type ServerResponse } from "node:http";

/** Headers that describe one connection, not the message, so they are not passed across the proxy. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"]);
/** Methods that change nothing (RFC 9110 §9.2.1), so sending one twice is harmless. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface ForwardTarget {
  /** The Unix socket the upstream HTTP server listens on. */
  socketPath: string;
  /** Keeps connections to it open between requests. */
  agent: Agent;
  /** Headers to add to every request (they replace any the client sent of the same name). */
  extraHeaders(request: IncomingMessage): Record<string, string>;
  /** Whether the upstream is known to be restarting: the 502 then says so. */
  restarting(): boolean;
}

/**
 * Sends a request on to the upstream and pipes its answer back. A kept-alive connection can be closed by the other
 * side just as it is reused; a request that changes nothing is then sent once more on a new connection (Node's docs
 * give this pattern for `reusedSocket`), since it cannot have done anything. Anything else that fails answers 502
 * `editor_unavailable` with a message that says what happened.
 */
export function forwardRequest(target: ForwardTarget, request: IncomingMessage, response: ServerResponse): void {
  const send = (fresh: boolean): ClientRequest => {
    const upstream = httpRequest(
      {
        socketPath: target.socketPath,
        // A retry takes a connection of its own: the agent's other idle ones may be as stale as the first.
        agent: fresh ? false : target.agent,
        method: request.method,
        path: request.url,
        headers: { ...withoutHopByHop(request.headers), ...target.extraHeaders(request) },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, headerList(answer.rawHeaders));
        answer.pipe(response);
      },
    );
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (!fresh && upstream.reusedSocket && error.code === "ECONNRESET" && isBodilessSafeRequest(request)) {
        send(true).end();
        return;
      }
      response.writeHead(502, { "content-type": "application/json", "retry-after": "1" });
      const message = target.restarting()
        ? "The editor is restarting; try again in a moment"
        : "The editor could not answer this request; try again in a moment";
      response.end(JSON.stringify({ error: { code: "editor_unavailable", message } }));
    });
    response.once("close", () => {
      if (!response.writableFinished) upstream.destroy();
    });
    return upstream;
  };
  request.pipe(send(false));
}

/** A GET, HEAD or OPTIONS without a body: one that can be sent again as it was (its body stream is spent). */
function isBodilessSafeRequest(request: IncomingMessage): boolean {
  const length = request.headers["content-length"];
  const hasBody = request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
  return SAFE_METHODS.has(request.method ?? "") && !hasBody;
}

function withoutHopByHop(headers: IncomingMessage["headers"]): IncomingMessage["headers"] {
  const kept: IncomingMessage["headers"] = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

/** The answer's headers as sent (name, value, name, value…; repeated ones like Set-Cookie kept apart), less hop-by-hop. */
function headerList(rawHeaders: string[]): string[] {
  const list: string[] = [];
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    if (!HOP_BY_HOP.has(name.toLowerCase())) list.push(name, rawHeaders[index + 1] as string);
  }
  return list;
}
