import type { Clock } from "./clock";
import { SessionClosedError, TurnRetractedError } from "./errors";

/** An End waiting for the last utterance to settle. */
interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  timer: unknown;
}

/**
 * Whether the caller's last utterance may still be taken back, for one session.
 *
 * A voice pipeline answers a caller who said one of the Listen's expected phrases at a short pause, before the
 * Listen's own silence has passed (lib/voice/pipeline/turn-end.ts): that is what makes a voice turn answer in ~270 ms
 * rather than ~650. Until that silence has passed, the caller may go on with the sentence ("No, | I'd like to book an
 * appointment."), and the first phrase was not their answer. Such an utterance comes `provisional`; the pipeline then
 * settles it (`utterance.settled`) or takes it back (`utterance.retracted`) and sends the whole turn. A take-back reaches
 * the handler once, as a TurnRetractedError from the call it is waiting in or makes next; a flow goes back to the
 * Listen that heard it (flow-handler.ts). A goodbye cannot be taken back, so a flow waits for the turn to settle before
 * an End (`whenSettled`), bounded in case the pipeline never says.
 */
export class TurnSettling {
  /** Whether the utterance the handler heard last may still be taken back. */
  #provisional = false;
  /** Whether the newest queued utterance (not heard yet) is provisional: only the newest can be. */
  #queuedProvisional = false;
  /** A take-back the handler has not been told of yet. */
  #retracted = false;
  #waiter: Waiter | null = null;

  constructor(
    private readonly clock: Clock,
    /** The longest an End waits for a provisional turn to settle. */
    private readonly boundMs: number,
  ) {}

  /** The handler heard an utterance: provisional or final. */
  heard(provisional: boolean): void {
    this.#provisional = provisional;
  }

  /** An utterance was queued while the handler was busy: provisional or final. */
  queued(provisional: boolean): void {
    this.#queuedProvisional = provisional;
  }

  /** The handler takes a queued utterance (`newest`: none waits after it): whether it is provisional. */
  dequeued(newest: boolean): boolean {
    if (!newest) return false;
    const provisional = this.#queuedProvisional;
    this.#queuedProvisional = false;
    return provisional;
  }

  /** The last utterance is final now. */
  settle(): void {
    this.#provisional = false;
    this.#queuedProvisional = false;
    this.#release()?.resolve();
  }

  /**
   * The caller went on. `queued`: the utterance still waits in the queue (the handler never saw it; drop it).
   * `heard`: the handler is told, at once if it waits in whenSettled, else by its next `take`. Null when there is nothing
   * to take back (the utterance was final, or settled already).
   */
  retract(): "queued" | "heard" | null {
    if (this.#queuedProvisional) {
      this.#queuedProvisional = false;
      return "queued";
    }
    if (!this.#provisional) return null;
    this.#provisional = false;
    const waiter = this.#release();
    if (waiter) waiter.reject(new TurnRetractedError());
    else this.#retracted = true;
    return "heard";
  }

  /** The take-back the handler has not been told of, once: the session throws it from the handler's call. */
  take(): TurnRetractedError | null {
    if (!this.#retracted) return null;
    this.#retracted = false;
    return new TurnRetractedError();
  }

  /** Nothing when the last utterance is final; else a promise that resolves once it is, or after boundMs. */
  whenSettled(): Promise<void> | undefined {
    const taken = this.take();
    if (taken) return Promise.reject(taken);
    if (!this.#provisional) return undefined;
    this.#release()?.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => this.settle(), this.boundMs);
      this.#waiter = { resolve, reject, timer };
    });
  }

  /** The session ends: a wait in whenSettled is rejected, and its timer cleared. */
  close(reason: string): void {
    this.#provisional = false;
    this.#queuedProvisional = false;
    this.#retracted = false;
    this.#release()?.reject(new SessionClosedError(reason));
  }

  /** Whether a timer is armed (tests assert none is left behind). */
  get hasTimer(): boolean {
    return this.#waiter !== null;
  }

  #release(): Waiter | null {
    const waiter = this.#waiter;
    if (!waiter) return null;
    this.#waiter = null;
    this.clock.clearTimeout(waiter.timer);
    return waiter;
  }
}
