import type { HandlerOutput } from "./outputs";

/** What the caller did while the handler was listening. */
export type Heard = { type: "utterance"; text: string } | { type: "timeout" };

/** The caller's side of a session, as a handler sees it. */
export interface Call {
  readonly sessionId: string;
  /** Waits for the caller's next utterance (queued ones first), or the timeout. */
  listen(options: { timeoutMs: number }): Promise<Heard>;
  /** Aborted when the session ends for any reason (hang-up, operator, shutdown). */
  readonly signal: AbortSignal;
}

/**
 * A conversation: an async generator that yields replies, traces and finally `new EndStream(...)`.
 * Visual flows compile to one of these, so code-defined bots run through exactly the same session path.
 */
export type Handler = (call: Call) => AsyncIterable<HandlerOutput>;
