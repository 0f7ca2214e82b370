import type { JsonValue } from "../expressions/cel";

/** A reply to the caller: shown in chat, spoken by text to speech. */
export interface Reply {
  type: "reply";
  text: string;
  /** The node that produced it, when a flow did. */
  nodeId?: string;
  /** Set on the goodbye an EndStream carries: the last thing the caller hears. */
  goodbye?: true;
  /**
   * Whether the caller may cut it short by speaking (barge-in): a voice transport then stops playing it and the handler
   * learns how much was heard (Delivery). Text arrives whole, so over text this changes nothing. Never on a goodbye.
   */
  interruptible?: true;
}

/** What a trace can report; the lit path, replay and the session log are built from these. */
export type TraceEvent =
  | { type: "node.entered"; nodeId: string; kind: string }
  | { type: "node.exited"; nodeId: string; port: string | null }
  | { type: "node.failed"; nodeId: string; message: string }
  | { type: "variables.changed"; nodeId?: string; changes: Record<string, JsonValue> }
  | { type: "listen.started"; nodeId?: string; timeoutMs: number }
  | { type: "listen.timeout"; nodeId?: string };

/** Side information beside the replies (FastRTC's AdditionalOutputs). */
export interface Trace {
  type: "trace";
  event: TraceEvent;
}

/** Why a session ended. Flow End nodes choose their own; these are the runtime's. */
export const END_REASONS = {
  completed: "completed",
  hangup: "hangup",
  timeout: "timeout",
  error: "error",
  operator: "operator",
  shutdown: "shutdown",
  /** The caller lost the right to test calls in the flow's workspace (removed, left, or made a viewer). */
  accessRevoked: "access_revoked",
} as const;

/**
 * The control token that ends a stream. A handler yields it beside its replies; the session then
 * delivers the goodbye, tells the client the reason, closes the connection and releases everything.
 */
export class EndStream {
  readonly type = "end";
  readonly reason: string;
  readonly goodbye: string | undefined;
  readonly message: string | undefined;

  constructor(options: { reason?: string; goodbye?: string; message?: string } = {}) {
    this.reason = options.reason ?? END_REASONS.completed;
    this.goodbye = options.goodbye?.trim() ? options.goodbye : undefined;
    this.message = options.message;
  }
}

/** Everything a handler may yield. */
export type HandlerOutput = Reply | Trace | EndStream;

export function reply(text: string, nodeId?: string): Reply {
  return nodeId === undefined ? { type: "reply", text } : { type: "reply", text, nodeId };
}

export function trace(event: TraceEvent): Trace {
  return { type: "trace", event };
}
