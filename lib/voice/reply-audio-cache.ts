import type { SpeakOptions, TextToSpeech } from "./text-to-speech";

/** Audio kept by default: 64 MB of 16 kHz PCM16 is about 35 minutes of speech. */
export const DEFAULT_REPLY_CACHE_BYTES = 64 * 1024 * 1024;
/** A reply longer than this (about 1 minute) is spoken every time rather than pushing out many short ones. */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;

/** A reply being synthesised, shared by everyone who asked for it meanwhile. */
interface Synthesis {
  key: string;
  frames: Int16Array[];
  bytes: number;
  done: boolean;
  failure?: unknown;
  /** Copies being played; the synthesis stops when the last one stops. */
  listeners: number;
  stop: AbortController;
  /** Listeners waiting for the next frame, or for the end. */
  wake: Array<() => void>;
}

/**
 * Remembers the audio of replies already spoken, by voice, pace and text, and plays it again instead of synthesising
 * it again. Most of what a bot says is the same every call (greetings, menus, reprompts, goodbyes), and synthesis is
 * the largest cost of a voice turn: Piper takes ~300 ms of a core for a two-sentence reply, and ~400 ms before its
 * first frame. A reply is kept only when it was synthesised to its end (not interrupted, not failed), and the least
 * recently spoken go first once `maxBytes` is reached. Frames are shared between callers, so they are never written to.
 */
export class ReplyAudioCache implements TextToSpeech {
  readonly #inner: TextToSpeech;
  readonly #maxBytes: number;
  /** In order of last use, oldest first (a Map keeps insertion order; a hit re-inserts). */
  readonly #replies = new Map<string, readonly Int16Array[]>();
  /** Replies being synthesised now, by the same key: a second caller follows the first's synthesis. */
  readonly #synthesising = new Map<string, Synthesis>();
  #bytes = 0;
  #hits = 0;
  #misses = 0;
  #shared = 0;

  constructor(inner: TextToSpeech, options: { maxBytes?: number } = {}) {
    this.#inner = inner;
    this.#maxBytes = options.maxBytes ?? DEFAULT_REPLY_CACHE_BYTES;
  }

  get name(): string {
    return this.#inner.name;
  }
  get capabilities(): TextToSpeech["capabilities"] {
    return this.#inner.capabilities;
  }
  get voices(): TextToSpeech["voices"] {
    return this.#inner.voices;
  }
  voiceFor(voice: string | undefined): string {
    return this.#inner.voiceFor(voice);
  }

  /** How often a reply was played from memory or from a synthesis already under way, for benchmarks and operators. */
  get stats(): { hits: number; shared: number; misses: number; bytes: number; replies: number } {
    return { hits: this.#hits, shared: this.#shared, misses: this.#misses, bytes: this.#bytes, replies: this.#replies.size };
  }

  async *speak(text: string, options: SpeakOptions = {}): AsyncIterable<Int16Array> {
    const key = `${this.voiceFor(options.voice)}\u0000${options.rate ?? 1}\u0000${text}`;
    const kept = this.#replies.get(key);
    if (kept) {
      this.#hits += 1;
      this.#replies.delete(key);
      this.#replies.set(key, kept);
      for (const frame of kept) {
        if (options.signal?.aborted) return;
        yield frame;
      }
      return;
    }
    let synthesis = this.#synthesising.get(key);
    if (synthesis) this.#shared += 1;
    else {
      this.#misses += 1;
      synthesis = this.#synthesise(key, text, options);
    }
    yield* this.#follow(synthesis, options.signal);
  }

  /**
   * Starts synthesising `text` for everyone who asks for it before it is done: a hundred callers greeted at once made a
   * hundred syntheses of the same greeting (bench:voice, 100 callers: their first reply frame 4.3 s late at p50).
   * The synthesis belongs to no caller: one caller's barge-in stops only that caller's copy; it stops when the last
   * listener has gone.
   */
  #synthesise(key: string, text: string, options: SpeakOptions): Synthesis {
    const synthesis: Synthesis = { key, frames: [], bytes: 0, done: false, listeners: 0, stop: new AbortController(), wake: [] };
    this.#synthesising.set(key, synthesis);
    const wakeAll = () => synthesis.wake.splice(0).forEach((wake) => wake());
    void (async () => {
      try {
        for await (const frame of this.#inner.speak(text, { ...options, signal: synthesis.stop.signal })) {
          synthesis.frames.push(frame);
          synthesis.bytes += frame.byteLength;
          // Too long to keep: callers asking from now on synthesise their own, and nothing else is held for them.
          if (synthesis.bytes > MAX_ENTRY_BYTES) this.#forget(synthesis);
          wakeAll();
        }
        if (!synthesis.stop.signal.aborted && synthesis.frames.length > 0 && synthesis.bytes <= MAX_ENTRY_BYTES)
          this.#keep(key, synthesis.frames, synthesis.bytes);
      } catch (error) {
        synthesis.failure = error;
      } finally {
        synthesis.done = true;
        this.#forget(synthesis);
        wakeAll();
      }
    })();
    return synthesis;
  }

  /** One listener's copy of a synthesis: the frames made so far, then each as it is made, until done or `signal`. */
  async *#follow(synthesis: Synthesis, signal: AbortSignal | undefined): AsyncIterable<Int16Array> {
    synthesis.listeners += 1;
    try {
      for (let index = 0; ;) {
        if (signal?.aborted) return;
        if (index < synthesis.frames.length) yield synthesis.frames[index++]!;
        else if (synthesis.done) {
          if (synthesis.failure !== undefined) throw synthesis.failure;
          return;
        } else
          await new Promise<void>((resolve) => {
            const woken = () => {
              signal?.removeEventListener("abort", woken);
              resolve();
            };
            synthesis.wake.push(woken);
            signal?.addEventListener("abort", woken, { once: true });
          });
      }
    } finally {
      synthesis.listeners -= 1;
      if (synthesis.listeners === 0 && !synthesis.done) {
        // Nobody is listening any more: stop, and let the next caller who asks start afresh.
        synthesis.stop.abort();
        this.#forget(synthesis);
      }
    }
  }

  /** Later callers asking for its reply start a synthesis of their own (a newer one under the key stays). */
  #forget(synthesis: Synthesis): void {
    if (this.#synthesising.get(synthesis.key) === synthesis) this.#synthesising.delete(synthesis.key);
  }

  close(): Promise<void> {
    for (const synthesis of this.#synthesising.values()) synthesis.stop.abort();
    this.#synthesising.clear();
    this.#replies.clear();
    this.#bytes = 0;
    return this.#inner.close();
  }

  #keep(key: string, frames: Int16Array[], bytes: number): void {
    if (this.#replies.has(key)) return;
    this.#replies.set(key, frames);
    this.#bytes += bytes;
    for (const [oldest, oldFrames] of this.#replies) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#replies.delete(oldest);
      this.#bytes -= oldFrames.reduce((sum, frame) => sum + frame.byteLength, 0);
    }
  }
}
