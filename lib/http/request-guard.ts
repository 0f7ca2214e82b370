import type { IncomingMessage } from "node:http";

/** What the guard reads of a request. */
export type GuardedRequest = Pick<IncomingMessage, "method" | "headers">;
import type { HostPolicy } from "./host-guard";
import type { OriginPolicy } from "./origin-guard";

/** A request the server will not serve: the status and the documented error (docs/api.md, docs/protocol.md). */
export interface RequestRefusal {
  status: number;
  code: "host_not_allowed" | "cross_origin_refused";
  message: string;
}

/** What the server checks before any route, page or Socket.IO handshake sees a request. */
export interface RequestGuard {
  /** Every HTTP request: the host; for a method that changes state, also the browser origin. */
  httpRefusal(request: GuardedRequest): RequestRefusal | undefined;
  /** A Socket.IO handshake (a GET that opens a call): the host and the browser origin. */
  handshakeRefusal(request: GuardedRequest): RequestRefusal | undefined;
}

/** Methods a browser page may use across sites without asking (they only read); every other one changes state. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function createRequestGuard(policies: { hosts: HostPolicy; origins: OriginPolicy }): RequestGuard {
  const hostRefusal = (request: GuardedRequest): RequestRefusal | undefined => {
    if (policies.hosts.allows(request.headers.host)) return undefined;
    const host = request.headers.host;
    return {
      // 421 Misdirected Request: this server is not the one that answers for that name (RFC 9110 §15.5.20).
      status: 421,
      code: "host_not_allowed",
      message: `This server does not answer for ${host === undefined ? "a request without a Host header" : `the host ${clip(host)}`}; its operator can allow one with ALLOWED_HOSTS`,
    };
  };
  const originRefusal = (request: GuardedRequest, what: string): RequestRefusal | undefined => {
    const reason = policies.origins.refusal(request.headers);
    return reason === undefined
      ? undefined
      : { status: 403, code: "cross_origin_refused", message: `${what} from another site: ${reason}` };
  };
  return {
    httpRefusal(request) {
      return (
        hostRefusal(request) ??
        (SAFE_METHODS.has(request.method ?? "GET") ? undefined : originRefusal(request, "This server refuses changes requested"))
      );
    },
    handshakeRefusal(request) {
      return hostRefusal(request) ?? originRefusal(request, "This server refuses calls opened");
    },
  };
}

function clip(text: string): string {
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
}
