import type { HandlerOutput, Reply, TraceEvent } from "./outputs";
import type { Delivery } from "./playout";
import type { Utterance } from "./session-input";

/** What the caller did while the handler was listening. */
export type Heard = Utterance | { type: "timeout" };

/** The caller's side of a session, as a handler sees it. */
export interface Call {
  readonly sessionId: string;
  /**
   * Waits for the caller's next utterance (queued ones first), or the timeout. A `provisional` utterance was answered
   * before the caller's turn was surely over: should they go on, the handler's pending or next `listen`, `deliver` or
   * `turnSettled` throws TurnRetractedError, once, and the whole turn is the next utterance (turn-settling.ts).
   */
  listen(options: { timeoutMs: number }): Promise<Heard>;
  /**
   * Nothing when the last utterance is final; else a promise that resolves once it is (bounded), or rejects with
   * TurnRetractedError. A flow awaits it before an End, whose goodbye cannot be taken back.
   */
  turnSettled(): Promise<void> | undefined;
  /**
   * Records a trace in the session's log at once: the same as yielding `trace(event)`, in the same order with
   * everything else, without a trip through the iterator per event (which cost half of a flow's turn). Ignored once
   * the session is ending, as a yielded trace would be. The event is logged as it is: leave it (and what it holds)
   * unchanged afterwards, as the session recorder serializes it with its batch, moments later.
   */
  trace(event: TraceEvent): void;
  /**
   * Delivers a reply: the same as yielding it (logged, then handed to the transport). Returns nothing when the
   * transport delivered it at once (text), else a promise of the Delivery once the caller has heard it, cut it short
   * (an interruptible reply) or the session's wait for it ran out; `await` it either way. Throws (or rejects with)
   * SessionClosedError when the session has ended, or ends before the delivery, so the handler stops.
   */
  deliver(reply: Reply): Promise<Delivery> | undefined;
  /** Aborted when the session ends for any reason (hang-up, operator, shutdown). */
  readonly signal: AbortSignal;
}

/**
 * A conversation: an async generator that yields replies, traces and finally `new EndStream(...)`, or hands
 * replies and traces to `call.deliver` / `call.trace` as it goes; both mix freely and keep one order. A yielded
 * reply goes through the same delivery as `call.deliver`, and its `yield` evaluates to the same result (a generator
 * typed `AsyncGenerator<HandlerOutput, void, Delivery | undefined>` sees its type).
 * Visual flows compile to one of these, so code-defined bots run through exactly the same session path.
 */
export type Handler = (call: Call) => AsyncIterable<HandlerOutput>;
