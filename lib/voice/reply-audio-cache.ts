import type { SpeakOptions, TextToSpeech } from "./text-to-speech";

/** Audio kept by default: 64 MB of 16 kHz PCM16 is about 35 minutes of speech. */
export const DEFAULT_REPLY_CACHE_BYTES = 64 * 1024 * 1024;
/** A reply longer than this (about 1 minute) is spoken every time rather than pushing out many short ones. */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;

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
  #bytes = 0;
  #hits = 0;
  #misses = 0;

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

  /** How often a reply was played from memory, for benchmarks and operators. */
  get stats(): { hits: number; misses: number; bytes: number; replies: number } {
    return { hits: this.#hits, misses: this.#misses, bytes: this.#bytes, replies: this.#replies.size };
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
    this.#misses += 1;
    const frames: Int16Array[] = [];
    let bytes = 0;
    for await (const frame of this.#inner.speak(text, options)) {
      if (bytes <= MAX_ENTRY_BYTES) frames.push(frame);
      bytes += frame.byteLength;
      yield frame;
    }
    if (!options.signal?.aborted && frames.length > 0 && bytes <= MAX_ENTRY_BYTES) this.#keep(key, frames, bytes);
  }

  close(): Promise<void> {
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
