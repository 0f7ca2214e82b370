import { io, type Socket } from "socket.io-client";
import { FRAME_BYTES, FRAME_MS, FRAME_SAMPLES } from "../voice/audio/pcm";

/** One server event as a voice test client saw it, with when (performance.now()). */
export interface VoiceClientEvent {
  event: string;
  data: unknown;
  at: number;
}

/** A reply as the client heard it. */
export interface HeardReply {
  replyId: string;
  text: string;
  nodeId?: string;
  /** The voice the server says speaks it (`espeak:en-us`, `openai:alloy`, …). */
  voice?: string;
  goodbye: boolean;
  /** Frames received for it, each 640 bytes. */
  frames: number;
  /** From `audio.end`, once every frame was sent. */
  durationMs?: number;
  cleared: boolean;
  /** When this client sent its playout mark. */
  markedAt?: number;
}

/**
 * A voice caller over Socket.IO for tests and benchmarks: streams PCM16 in real time in 20 ms frames, collects reply
 * audio, and sends the playout mark of each reply once all of it has arrived (as if played instantly), unless told not to.
 */
export class VoiceTestClient {
  readonly events: VoiceClientEvent[] = [];
  readonly replies: HeardReply[] = [];
  readonly socket: Socket;
  #waiters: Array<{ test: (event: VoiceClientEvent) => boolean; resolve: (event: VoiceClientEvent) => void }> = [];

  constructor(url: string, auth: Record<string, unknown>, options: { sendMarks?: boolean; query?: Record<string, string> } = {}) {
    const sendMarks = options.sendMarks ?? true;
    this.socket = io(url, {
      auth: { audio: { sampleRate: 16_000, encoding: "pcm16" }, ...auth },
      query: options.query,
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
    });
    const record = (event: string, data: unknown) => {
      const entry = { event, data, at: performance.now() };
      this.events.push(entry);
      this.#waiters = this.#waiters.filter((waiter) => {
        if (!waiter.test(entry)) return true;
        waiter.resolve(entry);
        return false;
      });
    };
    this.socket.on("reply", (data: { replyId: string; text: string; voice?: string; nodeId?: string; goodbye?: true }) => {
      this.replies.push({ ...data, goodbye: data.goodbye === true, frames: 0, cleared: false });
      record("reply", data);
    });
    this.socket.on("audio", (frame: Uint8Array) => {
      const current = this.replies.at(-1);
      if (current && frame.byteLength === FRAME_BYTES) current.frames += 1;
    });
    this.socket.on("audio.end", (data: { replyId: string; durationMs: number }) => {
      const reply = this.replies.find((candidate) => candidate.replyId === data.replyId);
      if (reply) reply.durationMs = data.durationMs;
      record("audio.end", data);
      if (sendMarks && reply) this.mark(reply);
    });
    this.socket.on("clear", (data: { replyId: string }) => {
      const reply = this.replies.find((candidate) => candidate.replyId === data.replyId);
      if (reply) reply.cleared = true;
      record("clear", data);
    });
    for (const name of ["session", "transcript", "trace", "end", "error"]) this.socket.on(name, (data: unknown) => record(name, data));
    this.socket.on("connect_error", (error: Error & { data?: unknown }) => record("connect_error", error.data ?? error.message));
    this.socket.on("disconnect", (reason) => record("disconnect", { reason }));
  }

  /** Sends the playout mark of `reply`. */
  mark(reply: HeardReply): void {
    reply.markedAt = performance.now();
    this.socket.emit("playout", { replyId: reply.replyId });
  }

  /** The next event (received ones count) that passes `test`. */
  waitFor(test: (event: VoiceClientEvent) => boolean, timeoutMs = 20_000): Promise<VoiceClientEvent> {
    const already = this.events.find(test);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out; received: ${this.events.map((e) => e.event).join(", ")}`)), timeoutMs);
      this.#waiters.push({
        test,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      });
    });
  }

  /** The audio.end of the reply made by `nodeId`. */
  async replyPlayed(nodeId: string, timeoutMs?: number): Promise<HeardReply> {
    const reply = await this.waitFor((e) => e.event === "reply" && (e.data as { nodeId?: string }).nodeId === nodeId, timeoutMs);
    const { replyId } = reply.data as { replyId: string };
    await this.waitFor((e) => e.event === "audio.end" && (e.data as { replyId: string }).replyId === replyId, timeoutMs);
    return this.replies.find((candidate) => candidate.replyId === replyId)!;
  }

  /**
   * Streams `samples` as a caller speaks: 20 ms frames on a real-time schedule, with silence before and after (the
   * silence after is what ends the turn). Stops early when the socket closes.
   */
  async speak(samples: Int16Array, options: { silenceBeforeMs?: number; silenceAfterMs?: number } = {}): Promise<void> {
    const before = Math.round((options.silenceBeforeMs ?? 200) / FRAME_MS) * FRAME_SAMPLES;
    const after = Math.round((options.silenceAfterMs ?? 1_000) / FRAME_MS) * FRAME_SAMPLES;
    const audio = new Int16Array(before + samples.length + after + FRAME_SAMPLES);
    audio.set(samples, before);
    const frames = Math.floor(audio.length / FRAME_SAMPLES);
    const start = performance.now();
    for (let index = 0; index < frames; index += 1) {
      if (!this.socket.connected) return;
      const frame = audio.slice(index * FRAME_SAMPLES, (index + 1) * FRAME_SAMPLES);
      this.socket.emit("audio", Buffer.from(frame.buffer));
      const wait = start + (index + 1) * FRAME_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}
