import type { Playout, PlayoutResult } from "../../runtime/playout";
import { FRAME_MS } from "../audio/pcm";

/**
 * One reply being played to the caller: frames are counted as they are sent, `finished` resolves when the client's
 * playout mark arrives (all of it heard) or when interrupt() cuts it short (then the client is told to `clear`).
 */
export class ReplyPlayout implements Playout {
  readonly finished: Promise<PlayoutResult>;
  readonly durationKnown: Promise<void>;
  #known!: () => void;
  readonly #abort = new AbortController();
  readonly #now: () => number;
  readonly #onInterrupt: () => void;
  #resolve!: (result: PlayoutResult) => void;
  #sentFrames = 0;
  #firstFrameAt: number | undefined;
  #complete = false;
  #settled = false;

  constructor(options: { now: () => number; onInterrupt: () => void }) {
    this.#now = options.now;
    this.#onInterrupt = options.onInterrupt;
    this.finished = new Promise((resolve) => (this.#resolve = resolve));
    this.durationKnown = new Promise((resolve) => (this.#known = resolve));
  }

  /** Aborted once the reply is cut short: synthesis stops. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  get settled(): boolean {
    return this.#settled;
  }

  /** Known once every frame has been sent. */
  get durationMs(): number | undefined {
    return this.#complete ? this.#sentFrames * FRAME_MS : undefined;
  }

  /** Whether any frame has gone out yet. */
  get hasSentFrames(): boolean {
    return this.#sentFrames > 0;
  }

  /** A frame went out. */
  frameSent(): void {
    this.#firstFrameAt ??= this.#now();
    this.#sentFrames += 1;
  }

  /** Every frame went out: the length is known. */
  complete(): void {
    this.#complete = true;
    this.#known();
  }

  /** The client's playout mark: it played all of it. */
  played(): void {
    this.#settle({ interrupted: false, playbackPositionMs: this.#sentFrames * FRAME_MS });
  }

  interrupt(): void {
    if (this.#settled) return;
    this.#abort.abort();
    this.#onInterrupt();
    // The client plays in real time from the first frame: what it heard is the time since, at most what was sent.
    const heard = this.#firstFrameAt === undefined ? 0 : this.#now() - this.#firstFrameAt;
    this.#settle({ interrupted: true, playbackPositionMs: Math.round(Math.min(heard, this.#sentFrames * FRAME_MS)) });
  }

  #settle(result: PlayoutResult): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#resolve(result);
  }
}
