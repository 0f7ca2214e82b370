import { WIRE_FRAME_SAMPLES, WIRE_SAMPLE_RATE, pcm16ToFloat } from "./microphone-framer";
import { PlayoutSchedule } from "./playout-schedule";

/** How far playback has come this call. */
export interface PlaybackProgress {
  /** Frames scheduled to play; replies played to their end; replies cut short by `clear`. */
  framesScheduled: number;
  repliesPlayed: number;
  repliesCleared: number;
  /** Some reply's audio is playing now. */
  speaking: boolean;
}

/** What the playback reports: a reply played to its last frame (send `playout`), and its own progress. */
export interface PlaybackListeners {
  played(replyId: string): void;
  progress(state: PlaybackProgress): void;
}

/**
 * The bot's replies, played as they stream in: each 20 ms frame becomes a buffer scheduled on the AudioContext right
 * where the previous one ends (PlayoutSchedule), so playback is gapless and in order however the frames arrive.
 * `clear` stops a reply's sources at once; its buffered audio is dropped.
 */
export class ReplyPlayback {
  readonly #schedule = new PlayoutSchedule();
  readonly #sources = new Map<string, Set<AudioBufferSourceNode>>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #current: string | null = null;
  #framesScheduled = 0;
  #repliesPlayed = 0;
  #repliesCleared = 0;
  #closed = false;

  constructor(
    private readonly context: AudioContext,
    private readonly listeners: PlaybackListeners,
  ) {}

  begin(replyId: string): void {
    this.#current = replyId;
    this.#schedule.begin(replyId);
    this.#sources.set(replyId, new Set());
  }

  /** One frame of the reply begun last: 640 bytes of PCM16 (little-endian, as every browser's platform is). */
  frame(bytes: ArrayBuffer): void {
    if (this.#closed || this.#current === null || bytes.byteLength !== WIRE_FRAME_SAMPLES * 2) return;
    const start = this.#schedule.frame(this.context.currentTime);
    if (start === null) return;
    const buffer = this.context.createBuffer(1, WIRE_FRAME_SAMPLES, WIRE_SAMPLE_RATE);
    buffer.copyToChannel(pcm16ToFloat(new Int16Array(bytes.slice(0))), 0);
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    const sources = this.#sources.get(this.#current);
    sources?.add(source);
    source.onended = () => {
      sources?.delete(source);
      this.#report();
    };
    source.start(start);
    this.#framesScheduled += 1;
    this.#report();
  }

  /** `audio.end`: once the reply's last frame has played, `played` is reported (the caller sends `playout`). */
  end(replyId: string): void {
    if (this.#closed) return;
    if (this.#current === replyId) this.#current = null;
    const wait = this.#schedule.end(replyId, this.context.currentTime);
    if (wait !== null) this.#whenPlayed(replyId, wait);
  }

  /** `clear` (barge-in): the reply stops now and no `playout` is sent for it. */
  clear(replyId: string): void {
    if (this.#current === replyId) this.#current = null;
    if (this.#schedule.clear(replyId)) this.#repliesCleared += 1;
    for (const source of this.#sources.get(replyId) ?? []) source.stop();
    this.#sources.delete(replyId);
    this.#report();
  }

  /** Seconds until everything scheduled has played (0 when nothing is playing). */
  get bufferedSeconds(): number {
    return Math.max(0, this.#schedule.queuedUntil - this.context.currentTime);
  }

  /** Stops everything; nothing more is reported. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const sources of this.#sources.values()) for (const source of sources) source.stop();
    this.#sources.clear();
  }

  /** Checks on the clock, not just the timer: a timer can fire a little early, and a suspended context plays nothing. */
  #whenPlayed(replyId: string, waitSeconds: number): void {
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        if (this.#closed) return;
        if (this.#schedule.played(replyId, this.context.currentTime)) {
          this.#sources.delete(replyId);
          this.#repliesPlayed += 1;
          this.#report();
          this.listeners.played(replyId);
        } else if (this.#schedule.pending.includes(replyId)) {
          this.#whenPlayed(replyId, 0.02);
        }
      },
      Math.ceil(waitSeconds * 1000) + 5,
    );
    this.#timers.add(timer);
  }

  #report(): void {
    if (this.#closed) return;
    let speaking = false;
    for (const sources of this.#sources.values()) if (sources.size > 0) speaking = true;
    this.listeners.progress({
      framesScheduled: this.#framesScheduled,
      repliesPlayed: this.#repliesPlayed,
      repliesCleared: this.#repliesCleared,
      speaking,
    });
  }
}
