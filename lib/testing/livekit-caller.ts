import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  type RemoteParticipant,
  type RemoteTrack,
} from "@livekit/rtc-node";
import { newAudioStream } from "../runtime/transports/livekit-audio-stream";
import { newRoom } from "../runtime/transports/livekit-room";
import { FRAME_MS, FRAME_SAMPLES, FrameSplitter, SAMPLE_RATE } from "../voice/audio/pcm";
import { LIVEKIT_DATA_TOPIC } from "../runtime/transports/livekit-messages";

/** One data message (or room event) as the test caller saw it, with when (performance.now()). */
export interface LiveKitCallerEvent {
  event: string;
  data: unknown;
  at: number;
}

/** A 20 ms frame of the agent's audio as the caller received it, with when. */
export interface ReceivedFrame {
  samples: Int16Array;
  at: number;
}

/**
 * A caller in a LiveKit room for tests and benchmarks (@livekit/rtc-node): publishes a microphone track fed from PCM
 * in real time, records the agent's audio frames and every `switchboard` data message, and sees the room close.
 */
export class LiveKitTestCaller {
  readonly events: LiveKitCallerEvent[] = [];
  readonly received: ReceivedFrame[] = [];
  readonly room = newRoom();
  readonly #source = new AudioSource(SAMPLE_RATE, 1, 100);
  #waiters: Array<{ test: (event: LiveKitCallerEvent) => boolean; resolve: (event: LiveKitCallerEvent) => void }> = [];
  #reading: Promise<void> | null = null;
  #reader: ReadableStreamDefaultReader<{ data: Int16Array }> | null = null;

  /** Joins `url` with `token` and publishes the microphone track. */
  async join(url: string, token: string): Promise<void> {
    this.room
      .on(RoomEvent.DataReceived, (payload: Uint8Array, _participant?: RemoteParticipant, _kind?: unknown, topic?: string) => {
        if (topic !== LIVEKIT_DATA_TOPIC) return;
        const { event, data } = JSON.parse(new TextDecoder().decode(payload)) as { event: string; data: unknown };
        this.#record(event, data);
      })
      .on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
        // A track can be gone by the time its subscription is announced (the room closing, the server stopping):
        // that is recorded as an event, for a test to see, not left as a rejection no one awaits.
        if (track.kind === TrackKind.KIND_AUDIO)
          this.#reading = this.#read(track).catch((error: unknown) =>
            this.#record("audio.failed", { message: error instanceof Error ? error.message : String(error) }),
          );
      })
      .on(RoomEvent.Disconnected, (reason: unknown) => this.#record("disconnected", { reason }));
    await this.room.connect(url, token, { autoSubscribe: true, dynacast: false });
    const track = LocalAudioTrack.createAudioTrack("microphone", this.#source);
    await this.room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }));
  }

  /** Sends a data message on the `switchboard` topic. */
  async send(event: string, data?: unknown): Promise<void> {
    const payload = new TextEncoder().encode(JSON.stringify(data === undefined ? { event } : { event, data }));
    await this.room.localParticipant!.publishData(payload, { reliable: true, topic: LIVEKIT_DATA_TOPIC });
  }

  /** Streams `samples` as a caller speaks: silence before and after (what ends the turn), in real time. */
  async speak(samples: Int16Array, options: { silenceBeforeMs?: number; silenceAfterMs?: number } = {}): Promise<void> {
    const before = Math.round((options.silenceBeforeMs ?? 200) / FRAME_MS) * FRAME_SAMPLES;
    const after = Math.round((options.silenceAfterMs ?? 1_000) / FRAME_MS) * FRAME_SAMPLES;
    const audio = new Int16Array(before + samples.length + after);
    audio.set(samples, before);
    for (let at = 0; at + FRAME_SAMPLES <= audio.length; at += FRAME_SAMPLES) {
      if (!this.room.isConnected) return;
      // The source's queue is 100 ms: captureFrame waits while it is full, which paces the frames in real time.
      await this.#source.captureFrame(new AudioFrame(audio.slice(at, at + FRAME_SAMPLES), SAMPLE_RATE, 1, FRAME_SAMPLES));
    }
  }

  /** The next event (recorded ones count) that passes `test`. */
  waitFor(test: (event: LiveKitCallerEvent) => boolean, timeoutMs = 20_000): Promise<LiveKitCallerEvent> {
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

  /** The next data message named `event` whose payload passes `test`. */
  waitForMessage<T>(event: string, test: (data: T) => boolean = () => true, timeoutMs?: number): Promise<T> {
    return this.waitFor((e) => e.event === event && test(e.data as T), timeoutMs).then((e) => e.data as T);
  }

  /** The agent's audio received between two moments (performance.now()). */
  audioBetween(from: number, to: number): Int16Array[] {
    return this.received.filter((frame) => frame.at >= from && frame.at <= to).map((frame) => frame.samples);
  }

  /** Leaves the room (as a caller hanging up) and releases the track and streams. */
  async leave(): Promise<void> {
    await this.room.disconnect().catch(() => undefined);
    await this.#source.close().catch(() => undefined);
    await this.#reader?.cancel().catch(() => undefined);
    await this.#reading;
  }

  async #read(track: RemoteTrack): Promise<void> {
    const splitter = new FrameSplitter();
    const stream = newAudioStream(track, { sampleRate: SAMPLE_RATE, numChannels: 1, frameSizeMs: 20 });
    const reader = stream.getReader();
    this.#reader = reader;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const at = performance.now();
      for (const samples of splitter.push(value.data)) this.received.push({ samples, at });
    }
  }

  #record(event: string, data: unknown): void {
    const entry = { event, data, at: performance.now() };
    this.events.push(entry);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.test(entry)) return true;
      waiter.resolve(entry);
      return false;
    });
  }
}
