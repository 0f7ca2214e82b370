import type { Clock } from "./clock";
import type { Reply } from "./outputs";
import type { Delivery, Playout, ReplyDelivered } from "./playout";

/** How long the session waits for a playout to be confirmed (see SessionOptions). */
export interface PlayoutBounds {
  /** Added to the audio's length when the transport knows it. */
  marginMs: number;
  /** The whole wait when it does not. */
  timeoutMs: number;
}

/** How a watched playout settled: delivered (played, interrupted, timed out) or abandoned as the session ended. */
export type PlayoutSettlement = Delivery | { outcome: "abandoned" };

/** Told, synchronously, when a watch settles (so the log entry comes before anything that follows) or fails. */
export interface PlayoutObserver {
  settled(watch: PlayoutWatch, settlement: PlayoutSettlement): void;
  failed(watch: PlayoutWatch): void;
}

/**
 * The session's wait for one reply's playout: the transport's confirmation, bounded on the session's clock so that a
 * client that never confirms cannot hold the session, cut short on barge-in, abandoned when the session ends. Settles
 * once; a rejected `finished` (the transport failed) rejects `settled` with its error.
 */
export class PlayoutWatch {
  readonly settled: Promise<PlayoutSettlement>;
  private resolve: (settlement: PlayoutSettlement) => void = () => undefined;
  private reject: (error: unknown) => void = () => undefined;
  private done = false;
  private timer: unknown = null;
  private readonly startedAt: number;
  /** When a streamed reply's length became known (its last frame was sent), or null. */
  private knownAt: number | null = null;
  /** When interrupt() was called (the wait for the transport to confirm it is short), or null. */
  private interruptedAt: number | null = null;
  private readonly expired = () => {
    this.timer = null;
    if (this.done) return;
    const left = this.deadline() - this.clock.now();
    if (left > 0) this.timer = this.clock.setTimeout(this.expired, left);
    // Interrupted and never confirmed: it was cut short all the same, only how much was heard is unknown.
    else this.settle({ outcome: this.interruptedAt === null ? "timed_out" : "interrupted" });
  };

  constructor(
    readonly reply: Reply,
    /** The `seq` of the reply's log event. */
    readonly replySeq: number,
    private readonly playout: Playout,
    private readonly clock: Clock,
    private readonly bounds: PlayoutBounds,
    private readonly observer: PlayoutObserver,
  ) {
    this.startedAt = clock.now();
    this.settled = new Promise<PlayoutSettlement>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.timer = clock.setTimeout(this.expired, Math.max(0, this.deadline() - this.startedAt));
    playout.durationKnown?.then(() => {
      this.knownAt = this.clock.now();
      if (this.done || this.timer === null) return;
      this.clock.clearTimeout(this.timer);
      this.timer = this.clock.setTimeout(this.expired, Math.max(0, this.deadline() - this.clock.now()));
    });
    playout.finished.then(
      (result) => this.settle({ outcome: result.interrupted ? "interrupted" : "played", playbackPositionMs: result.playbackPositionMs }),
      (error: unknown) => this.fail(error),
    );
  }

  /** Barge-in: asks the transport to stop the reply, and waits at most the margin more for it to say how far it got. */
  interrupt(): void {
    if (this.done || this.interruptedAt !== null) return;
    this.interruptedAt = this.clock.now();
    this.playout.interrupt();
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(this.expired, this.bounds.marginMs);
  }

  /** The session is ending: stops the reply and the wait at once. */
  abandon(): void {
    if (this.done) return;
    this.playout.interrupt();
    this.settle({ outcome: "abandoned" });
  }

  /** The log event that says how it settled. */
  deliveredEvent(settlement: PlayoutSettlement): ReplyDelivered {
    const { reply } = this;
    const event: ReplyDelivered = { type: "reply.delivered", replySeq: this.replySeq, outcome: settlement.outcome };
    if (settlement.outcome !== "abandoned" && settlement.playbackPositionMs !== undefined)
      event.playbackPositionMs = settlement.playbackPositionMs;
    if (reply.nodeId !== undefined) event.nodeId = reply.nodeId;
    if (reply.goodbye) event.goodbye = true;
    return event;
  }

  /**
   * When the wait runs out: the audio's length (as known now) plus the margin, else the fixed timeout. A streamed reply
   * synthesised slower than it plays cannot have finished playing before its last frame was sent, so its wait runs to
   * at least that moment plus the margin: else a slow engine would make the session end a goodbye the client is still
   * playing, and log it as never confirmed.
   */
  private deadline(): number {
    const length = this.playout.durationMs;
    const played = length === undefined ? null : Math.max(this.startedAt + length, this.knownAt ?? 0);
    const full = played === null ? this.startedAt + this.bounds.timeoutMs : played + this.bounds.marginMs;
    return this.interruptedAt === null ? full : Math.min(full, this.interruptedAt + this.bounds.marginMs);
  }

  private settle(settlement: PlayoutSettlement): void {
    if (!this.finish()) return;
    this.observer.settled(this, settlement);
    this.resolve(settlement);
  }

  private fail(error: unknown): void {
    if (!this.finish()) return;
    this.observer.failed(this);
    this.reject(error);
  }

  private finish(): boolean {
    if (this.done) return false;
    this.done = true;
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    return true;
  }
}
