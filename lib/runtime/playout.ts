/**
 * Playing a reply to the caller, modelled on LiveKit agents' audio output (`AudioOutput.clearBuffer()`,
 * `waitForPlayout()` → `{ playbackPosition, interrupted }`). A transport over which a reply takes time to reach the
 * caller (voice: until it has been heard) returns a Playout from deliver(); one over which it arrives as it is sent
 * (text: written to the socket) returns nothing, and the session wastes no promise on it.
 */

/** How a playout ended, as the transport saw it. */
export interface PlayoutResult {
  /** Whether it stopped before its end (interrupt() was called, or the caller's client stopped it). */
  interrupted: boolean;
  /** How much of it the caller heard, in milliseconds of audio from its start. */
  playbackPositionMs: number;
}

/** A reply being played to the caller. */
export interface Playout {
  /** Resolves once the reply has played to its end or was cut short (LiveKit's `waitForPlayout()`). */
  readonly finished: Promise<PlayoutResult>;
  /** Cuts the reply short and drops what is buffered (LiveKit's `clearBuffer()`); `finished` then resolves. */
  interrupt(): void;
  /**
   * The reply's length in milliseconds of audio, once known (a goodbye synthesized whole knows it at once; a streamed
   * reply learns it as it goes). The session waits that long plus a margin for `finished`, reading it when the wait
   * begins and again when it runs out; without it, a fixed time (SessionOptions.playoutTimeoutMs).
   */
  readonly durationMs?: number;
  /**
   * Resolves when `durationMs` becomes known, for a reply streamed as it is synthesised: the session's wait then
   * shortens from the fixed time to the audio's length plus the margin.
   */
  readonly durationKnown?: Promise<void>;
}

/**
 * How a reply's delivery ended, as the session log records it: `played` to its end (confirmed by the transport),
 * `interrupted` (the caller spoke over it, see Reply.interruptible), `timed_out` (no confirmation within the bound:
 * what was heard is unknown), or `abandoned` (the session ended meanwhile: hang-up, operator, shutdown).
 */
export type DeliveryOutcome = "played" | "interrupted" | "timed_out" | "abandoned";

/** What a handler learns of a reply once it is delivered (the session ends the handler instead of abandoning). */
export interface Delivery {
  outcome: Exclude<DeliveryOutcome, "abandoned">;
  /** How much the caller heard, in milliseconds of audio, when the transport said so. */
  playbackPositionMs?: number;
}

/** The log event that settles a played-out reply; text transports deliver as they send and log none. */
export interface ReplyDelivered {
  type: "reply.delivered";
  /** The `seq` of the `reply` event it settles. */
  replySeq: number;
  outcome: DeliveryOutcome;
  playbackPositionMs?: number;
  nodeId?: string;
  goodbye?: true;
}
