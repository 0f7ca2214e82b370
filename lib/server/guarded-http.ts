import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerOptions } from "socket.io";
import type { RequestGuard, RequestRefusal } from "../http/request-guard";
import { API_HEADERS, SECURITY_HEADERS } from "../http/security-headers";

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The server's one request listener: security headers on everything, the guard's refusals before anything else
 * runs, then Next (pages and API), or, in the standalone runtime that serves only Socket.IO, a 404.
 */
export function guardedListener(options: { guard: RequestGuard; handle?: RequestHandler }): RequestHandler {
  return (request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    if (isApiPath(request.url)) for (const [name, value] of Object.entries(API_HEADERS)) response.setHeader(name, value);
    const refusal = options.guard.httpRefusal(request);
    if (refusal) return sendRefusal(response, refusal);
    if (!options.handle) {
      return sendRefusal(response, { status: 404, code: "not_found", message: "This runtime serves only Socket.IO sessions (/socket.io)" });
    }
    options.handle(request, response);
  };
}

/**
 * The guard as engine.io's `allowRequest`, run on every Socket.IO handshake. engine.io answers a refused polling
 * handshake with 403 and a WebSocket one with 400, each carrying this message, which starts with the code.
 */
export function handshakeAllowRequest(guard: RequestGuard): NonNullable<ServerOptions["allowRequest"]> {
  return (request, callback) => {
    const refusal = guard.handshakeRefusal(request);
    callback(refusal ? `${refusal.code}: ${refusal.message}` : null, refusal === undefined);
  };
}

function isApiPath(url: string | undefined): boolean {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path === "/api" || path.startsWith("/api/");
}

/** The API's error shape (docs/api.md), never cached, closing a connection whose body we will not read. */
function sendRefusal(response: ServerResponse, refusal: Pick<RequestRefusal, "status" | "message"> & { code: string }): void {
  for (const [name, value] of Object.entries(API_HEADERS)) response.setHeader(name, value);
  response.statusCode = refusal.status;
  response.setHeader("Content-Type", "application/json; charset=utf-8");
  response.setHeader("Connection", "close");
  response.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
}
