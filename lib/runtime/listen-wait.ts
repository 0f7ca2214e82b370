import type { Clock } from "./clock";
import { SessionClosedError } from "./errors";
import { utteranceOf } from "./session-input";
import type { Heard } from "./handler";

/**
 * A session's one pending listen and its timeout, which pauses while the caller speaks.
 *
 * The timeout counts silence: speech.started stops it, and speech.ended starts it again from its full length, not from
 * what was left. A caller who begins to answer at the ninth second of ten and pauses mid-sentence is not cut off a
 * second later, and one who only coughed gets the whole wait again, as a person on the line would give it. A listen
 * that begins while the caller is speaking (they talked over the reply) starts paused.
 *
 * One object per session, not per listen, and one timer that outlives the listens it was armed for: an utterance
 * settles a listen without clearing it, and a later listen with a deadline no earlier reuses it. Clearing and arming a
 * timer on every turn cost ~0.45 µs, as Node relinks its timer lists each time; this way a busy session arms one timer
 * per timeout period instead. Only close() clears it.
 */
export class ListenWait {
  private resolve: ((heard: Heard) => void) | null = null;
  private reject: ((error: Error) => void) | null = null;
  private timeoutMs = 0;
  /** When the pending listen times out, on the session's clock; Infinity while the caller speaks. */
  private deadline = 0;
  private timer: unknown = null;
  private timerAt = 0;
  private speakingNow = false;
  /** Bound once: times out the pending listen if due, else waits on for its deadline. */
  private readonly fired = () => {
    this.timer = null;
    const resolve = this.resolve;
    if (!resolve || this.deadline === Infinity) return;
    const left = this.deadline - this.clock.now();
    if (left > 0) {
      this.arm(this.deadline, left);
      return;
    }
    this.settle();
    resolve({ type: "timeout" });
  };

  constructor(private readonly clock: Clock) {}

  /** Whether a listen is waiting. */
  get pending(): boolean {
    return this.resolve !== null;
  }

  /** Whether the caller is speaking (between speech.started and speech.ended). */
  get speaking(): boolean {
    return this.speakingNow;
  }

  /** Whether a timer is armed right now (tests assert none is left behind). */
  get hasTimer(): boolean {
    return this.timer !== null;
  }

  /** Waits for the caller's next utterance or `timeoutMs` of silence; `now` is the session's reading of its clock. */
  wait(timeoutMs: number, now: number): Promise<Heard> {
    this.timeoutMs = timeoutMs;
    if (this.speakingNow) this.deadline = Infinity;
    else {
      this.deadline = now + timeoutMs;
      this.arm(this.deadline, timeoutMs);
    }
    return new Promise<Heard>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Completes the pending listen with what the caller said; false when no listen is waiting. */
  hear(text: string, provisional = false): boolean {
    const resolve = this.resolve;
    if (!resolve) return false;
    // The timer stays armed for the next listen.
    this.settle();
    resolve(utteranceOf(text, provisional));
    return true;
  }

  /** The caller began to speak: the timeout stops. False when they were speaking already. */
  speechStarted(): boolean {
    if (this.speakingNow) return false;
    this.speakingNow = true;
    if (this.resolve) this.deadline = Infinity;
    return true;
  }

  /** The caller stopped speaking: a pending listen's timeout starts again from its full length. False when they were not speaking. */
  speechEnded(now: number): boolean {
    if (!this.speakingNow) return false;
    this.speakingNow = false;
    if (this.resolve) {
      this.deadline = now + this.timeoutMs;
      this.arm(this.deadline, this.timeoutMs);
    }
    return true;
  }

  /** Rejects the pending listen (the session is ending for `reason`) and clears the timer. */
  close(reason: string): void {
    this.cancel(reason);
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
  }

  /**
   * Rejects the pending listen without clearing the timer (the session is interrupted; close() follows). The error is
   * made only when a listen waits: a stack trace for every session's end would cost more than the rest of it.
   */
  cancel(reason: string): void {
    if (this.reject) this.fail(new SessionClosedError(reason));
  }

  /** Rejects the pending listen with `error` (the caller took back the utterance it followed); the timer stays. */
  fail(error: Error): void {
    const reject = this.reject;
    if (!reject) return;
    this.settle();
    reject(error);
  }

  private settle(): void {
    this.resolve = null;
    this.reject = null;
  }

  /** Arms the timer for `deadline`, `ms` from now, unless it is armed already for a time no later. */
  private arm(deadline: number, ms: number): void {
    if (this.timer !== null) {
      if (this.timerAt <= deadline) return;
      this.clock.clearTimeout(this.timer);
    }
    this.timerAt = deadline;
    this.timer = this.clock.setTimeout(this.fired, ms);
  }
}
