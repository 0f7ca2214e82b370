import { AudioFrame, type AudioSource } from "@livekit/rtc-node";
import { concatSamples, FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE } from "../../voice/audio/pcm";
import type { AudioOutput } from "../../voice/pipeline/voice-pipeline";
import type { LiveKitServerEvent } from "./livekit-messages";

/**
 * Silence played after the goodbye, before it counts as played: the source reports playout when its last frame has
 * left for the network, but that frame still has to be encoded, forwarded and sit in the caller's jitter buffer,
 * and deleting the room at End disconnects the caller at once, dropping what is still on its way: without padding,
 * bench:livekit saw the goodbye's last 40-100 ms cut on every call. The padding carries the goodbye's real last frame
 * through before the room goes; a longer path than loopback needs more (the caller's network). Measured at the caller by
 * bench:livekit, goodbye's last frame → Disconnected, p50: 80 ms of padding with 20 ms captures left the deletion 6 ms
 * early; with captures of up to 100 ms (below) the source reports playout later: 100 ms gave +50 ms, and 60 ms gave
 * p50 11.8 ms, p95 25.3 ms, no call cut (3 rounds of 15 calls, load 1.2-1.6). Measured again after the reply audio
 * changed (the runtime's own goodbye as the reference, `npx tsx bench/livekit.ts --sections end`, load 0.7-1.6): 60 ms
 * left the room going 26 ms before the goodbye's last, near-silent frame was due (p50 -26.3, p95 -11.1 ms); 80 ms gives
 * p50 -1.7, p95 18.1 ms; 100 ms p50 21.6, p95 51.4 ms. It moves in steps of about one frame per 20 ms of padding.
 */
export const GOODBYE_TRANSIT_PADDING_MS = 80;
/**
 * Reply frames that wait for the source go into it together, up to this many (100 ms): each captureFrame is a native
 * request and a confirmation event that every Room and pending request of the process looks at, so capturing 20 ms
 * at a time made the runtime's work per frame grow with the number of calls. A frame that does not wait goes at once.
 */
const MAX_FRAMES_PER_CAPTURE = 5;
const SILENT_FRAME = new Int16Array(FRAME_SAMPLES);

/**
 * The voice pipeline's output into a LiveKit room: reply frames into the agent's AudioSource (its track), captions and
 * reply boundaries as data messages. A reply counts as played when the source has played every frame of it out
 * (AudioSource.waitForPlayout(), LiveKit's own playout), not when the last frame was handed over: that confirmation
 * stands in for the Socket.IO client's playout mark (`played`).
 */
export class LiveKitAudioOutput implements AudioOutput {
  readonly #source: AudioSource;
  readonly #send: (event: LiveKitServerEvent, data: unknown) => void;
  readonly #played: (replyId: string) => void;
  readonly #log: (line: string) => void;
  /** Frames go into the source one after another: captureFrame waits while the source's queue is full. */
  #capturing: Promise<void> = Promise.resolve();
  /** Bumped by clear(): frames queued in the chain before it are dropped instead of played. */
  #epoch = 0;
  #closed = false;
  /** The reply that is the goodbye, if one has begun: its playout waits for the transit padding too. */
  #goodbyeId: string | null = null;
  /** Frames waiting for their capture step in the chain; null once that step has begun (or the batch is full). */
  #batch: Int16Array[] | null = null;

  constructor(options: {
    source: AudioSource;
    send: (event: LiveKitServerEvent, data: unknown) => void;
    played: (replyId: string) => void;
    log?: (line: string) => void;
  }) {
    this.#source = options.source;
    this.#send = options.send;
    this.#played = options.played;
    this.#log = options.log ?? ((line) => console.warn(`[livekit] ${line}`));
  }

  begin(replyId: string, reply: Parameters<AudioOutput["begin"]>[1]): void {
    if (reply.goodbye) this.#goodbyeId = replyId;
    this.#send("reply", {
      text: reply.text,
      replyId,
      ...(reply.nodeId === undefined ? {} : { nodeId: reply.nodeId }),
      ...(reply.goodbye ? { goodbye: true } : {}),
      ...(reply.interruptible ? { interruptible: true } : {}),
    });
  }

  frame(_replyId: string, samples: Int16Array): void {
    if (this.#batch) {
      this.#batch.push(samples);
      if (this.#batch.length === MAX_FRAMES_PER_CAPTURE) this.#batch = null;
      return;
    }
    const epoch = this.#epoch;
    const batch = [samples];
    this.#batch = batch;
    this.#enqueue(async () => {
      if (this.#batch === batch) this.#batch = null;
      if (epoch !== this.#epoch || this.#closed) return;
      const joined = batch.length === 1 ? batch[0]! : concatSamples(batch);
      await this.#source.captureFrame(new AudioFrame(joined, SAMPLE_RATE, 1, joined.length));
    });
  }

  end(replyId: string, durationMs: number): void {
    // The reply's last frames are captured before its end step; the next reply's start a batch of their own.
    this.#batch = null;
    const epoch = this.#epoch;
    this.#send("audio.end", { replyId, durationMs });
    this.#enqueue(async () => {
      if (epoch !== this.#epoch || this.#closed) return;
      if (replyId === this.#goodbyeId)
        for (let padded = 0; padded < GOODBYE_TRANSIT_PADDING_MS; padded += FRAME_MS)
          await this.#source.captureFrame(new AudioFrame(SILENT_FRAME, SAMPLE_RATE, 1, FRAME_SAMPLES));
      await this.#source.waitForPlayout();
      if (epoch === this.#epoch && !this.#closed) this.#played(replyId);
    });
  }

  clear(replyId: string): void {
    this.#epoch += 1;
    this.#batch = null;
    if (!this.#closed) this.#source.clearQueue();
    this.#send("clear", { replyId });
  }

  transcript(text: string, final: boolean): void {
    this.#send("transcript", { text, final });
  }

  /** Stops feeding the source; what is queued in the chain is dropped. */
  close(): void {
    this.#closed = true;
    this.#epoch += 1;
    this.#batch = null;
  }

  #enqueue(step: () => Promise<void>): void {
    this.#capturing = this.#capturing.then(step).catch((error: unknown) => {
      if (!this.#closed) this.#log(`playing reply audio failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
