import { availableParallelism } from "node:os";
import { requestThread, type RequestThread } from "../threads/request-thread";
import { EngineBusyError } from "./voice-errors";

/** How a pool of engine threads is sized. */
export interface EnginePoolOptions {
  /** Threads, each with its own engine instances (default: the machine's cores). */
  threads?: number;
  /** Requests queued or running across all threads before `request` refuses with EngineBusyError. */
  maxPending?: number;
  /** Passed to every thread. */
  workerData?: unknown;
}

/**
 * Worker threads running one engine (pocketsphinx, Piper, Silero), off the event loop that serves the calls.
 * A stream's requests all go to the thread that opened it (its decoder state lives there); new streams go to the
 * thread with the fewest streams and requests. Back-pressure is a bound, not a wait: past `maxPending` a request is
 * refused at once with EngineBusyError, so an overloaded machine sheds work instead of delaying every caller.
 */
export class EnginePool<Request extends object, Result> {
  readonly #name: string;
  readonly #threads: { thread: RequestThread<Request, Result>; pending: number; streams: number }[];
  readonly #maxPending: number;
  readonly #home = new Map<string, number>();
  #pending = 0;

  constructor(name: string, entry: URL, options: EnginePoolOptions = {}) {
    this.#name = name;
    const count = Math.max(1, options.threads ?? availableParallelism());
    this.#threads = Array.from({ length: count }, () => ({
      thread: requestThread<Request, Result>(entry, options.workerData),
      pending: 0,
      streams: 0,
    }));
    this.#maxPending = options.maxPending ?? count * 8;
  }

  /** Requests queued or running now. */
  get pending(): number {
    return this.#pending;
  }

  /** Sends `message` to the thread that holds `stream` (choosing one for a new stream). */
  async request(stream: string, message: Request): Promise<Result> {
    if (this.#pending >= this.#maxPending) throw new EngineBusyError(this.#name, this.#pending, this.#maxPending);
    let index = this.#home.get(stream);
    if (index === undefined) {
      index = this.#leastBusy();
      this.#home.set(stream, index);
      this.#threads[index]!.streams++;
    }
    const slot = this.#threads[index]!;
    this.#pending++;
    slot.pending++;
    try {
      return await slot.thread.request(message);
    } finally {
      this.#pending--;
      slot.pending--;
    }
  }

  /** Forgets which thread held `stream` (after its last request). */
  release(stream: string): void {
    const index = this.#home.get(stream);
    if (index !== undefined) this.#threads[index]!.streams--;
    this.#home.delete(stream);
  }

  async close(): Promise<void> {
    await Promise.all(this.#threads.map((slot) => slot.thread.close()));
    this.#home.clear();
  }

  #leastBusy(): number {
    const load = (slot: { pending: number; streams: number }) => slot.streams + slot.pending;
    let best = 0;
    for (let i = 1; i < this.#threads.length; i++) if (load(this.#threads[i]!) < load(this.#threads[best]!)) best = i;
    return best;
  }
}
