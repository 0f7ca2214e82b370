/**
 * The Socket.IO session protocol as the editor sees it (docs/protocol.md). Declared here because the
 * editor never imports lib/runtime; these mirror its wire payloads.
 */
export type WireValue = string | number | boolean | null | WireValue[] | { [key: string]: WireValue };

/** The body of a trace event, without its place in the log. */
export type WireTraceBody =
  | { type: "node.entered"; nodeId: string; kind: string }
  | { type: "node.exited"; nodeId: string; port: string | null }
  | { type: "node.failed"; nodeId: string; message: string }
  | { type: "variables.changed"; nodeId?: string; changes: Record<string, WireValue> }
  | { type: "listen.started"; nodeId?: string; timeoutMs: number }
  | { type: "listen.timeout"; nodeId?: string }
  | { type: "utterance"; text: string }
  | { type: "reply"; text: string; nodeId?: string; goodbye?: true }
  | { type: "session.started"; meta: unknown }
  | { type: "session.ended"; reason: string; message?: string };

/** A trace event as sent: its body, its place in the session's log and when it happened. */
export type WireTraceEvent = WireTraceBody & { seq: number; at: number };

export interface WireReply {
  text: string;
  nodeId?: string;
  goodbye?: boolean;
}

export interface WireEnd {
  reason: string;
  message?: string;
}

export interface WireError {
  code: string;
  message: string;
}

/** Events the server sends (typed for socket.io-client's `Socket<Listen, Emit>`). */
export interface ServerToClient {
  session: (payload: { sessionId: string; source: unknown }) => void;
  reply: (payload: WireReply) => void;
  trace: (payload: WireTraceEvent) => void;
  end: (payload: WireEnd) => void;
  error: (payload: WireError) => void;
}

export interface ClientToServer {
  utterance: (payload: { text: string }) => void;
  hangup: (payload?: Record<string, never>) => void;
}
