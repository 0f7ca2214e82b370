import type { RemoteAudioTrack } from "@livekit/rtc-node";
import { FrameSplitter, SAMPLE_RATE } from "../../voice/audio/pcm";
import { newAudioStream } from "./livekit-audio-stream";

/**
 * LiveKit delivers the caller's audio 40 ms at a time: each delivery is a native event that every Room and audio
 * stream of the process looks at, so 20 ms frames cost twice the runtime's per-call work for a 20 ms earlier start.
 */
const DELIVERY_MS = 40;

/**
 * The caller's audio track as the voice pipeline's input: LiveKit resamples and downmixes it to 16 kHz mono and
 * delivers DELIVERY_MS at a time, re-cut here into 320-sample frames, so the pipeline always gets its own.
 */
export class LiveKitAudioInput {
  readonly #reader: ReadableStreamDefaultReader<{ data: Int16Array }>;
  readonly #done: Promise<void>;
  #closed = false;

  constructor(track: RemoteAudioTrack, push: (frame: Int16Array) => void, log: (line: string) => void) {
    const stream = newAudioStream(track, { sampleRate: SAMPLE_RATE, numChannels: 1, frameSizeMs: DELIVERY_MS });
    const reader = stream.getReader();
    this.#reader = reader;
    const splitter = new FrameSplitter();
    this.#done = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done || this.#closed) return;
          // The splitter copies: the pipeline keeps frames (pre-roll) that must not alias the stream's buffers.
          for (const frame of splitter.push(value.data)) push(frame);
        }
      } catch (error) {
        if (!this.#closed) log(`reading the caller's audio failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
  }

  /** Stops reading and releases the stream (its native handle). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#reader.cancel().catch(() => undefined);
    await this.#done;
  }
}
