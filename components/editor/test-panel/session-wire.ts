/**
 * The Socket.IO session protocol as the editor sees it (docs/protocol.md). The payloads are the runtime's own types
 * (type-only imports: no server code reaches the client bundle), so a field added there reaches the editor's types.
 */
import type { JsonValue } from "@/lib/expressions/cel";
import type { SessionEndInfo } from "@/lib/runtime/transport";
import type { SessionEvent, SessionEventBody, SessionSource } from "@/lib/runtime/session-events";

export type WireValue = JsonValue;

/** The body of a trace event, without its place in the log. */
export type WireTraceBody = SessionEventBody;

/** A trace event as sent: its body, its place in the session's log and when it happened. */
export type WireTraceEvent = SessionEvent;

export interface WireReply {
  text: string;
  nodeId?: string;
  goodbye?: true;
}

export type WireEnd = SessionEndInfo;

export interface WireError {
  code: string;
  message: string;
}

/** Events the server sends (typed for socket.io-client's `Socket<Listen, Emit>`). */
export interface ServerToClient {
  session: (payload: { sessionId: string; source: SessionSource }) => void;
  reply: (payload: WireReply) => void;
  trace: (payload: WireTraceEvent) => void;
  end: (payload: WireEnd) => void;
  error: (payload: WireError) => void;
}

export interface ClientToServer {
  utterance: (payload: { text: string }) => void;
  hangup: (payload?: Record<string, never>) => void;
}
