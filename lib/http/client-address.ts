import type { IncomingMessage } from "node:http";

/**
 * The header through which the server tells the editor thread which address a request came from (sign-in attempts
 * are counted per address). The server sets it on every request it hands on (lib/server/editor-thread.ts), replacing
 * anything a client sent, so no client can pick its own bucket.
 */
export const CLIENT_ADDRESS_HEADER = "x-switchboard-client-address";

/**
 * The address a request came from: the connection's, or, behind a reverse proxy the operator trusts
 * (TRUST_PROXY=1), the last address that proxy appended to X-Forwarded-For.
 */
export function clientAddress(request: Pick<IncomingMessage, "headers" | "socket">, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers["x-forwarded-for"];
    const last = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "")).split(",").at(-1)?.trim();
    if (last) return last;
  }
  // An IPv4 client of a dual-stack socket shows as ::ffff:1.2.3.4; count it as 1.2.3.4.
  return (request.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
}
