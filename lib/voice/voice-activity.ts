/** What a VAD can do. */
export interface VoiceActivityCapabilities {
  sampleRates: readonly number[];
  /** Samples per decision (Silero: 512 at 16 kHz, 32 ms). */
  windowSamples: number;
}

/** Speech began or ended, at a position in the stream, with the model's speech probability there. */
export interface VoiceActivityEvent {
  type: "speech.start" | "speech.end";
  /** Milliseconds from the stream's first sample. */
  atMs: number;
  probability: number;
}

/** Thresholds of one stream; the listen node's end-of-speech silence is `minSilenceMs`. */
export interface VoiceActivityOptions {
  /** Probability above which a window is speech (Silero's usual 0.5). */
  activation?: number;
  /** Probability below which a window is silence (hysteresis: lower than `activation`). */
  deactivation?: number;
  /** Speech shorter than this is a click, not a start. */
  minSpeechMs?: number;
  /** Silence this long after speech ends it. */
  minSilenceMs?: number;
}

/** One caller's audio being watched. */
export interface VoiceActivityStream {
  /** Adds 16 kHz mono PCM16; resolves with the events the new audio completed. */
  feed(pcm: Uint8Array): Promise<VoiceActivityEvent[]>;
  /** Ends the stream: a `speech.end` if speech was still going on. */
  finish(): Promise<VoiceActivityEvent[]>;
}

/** A voice activity detector: frames in, speech start and end events out. */
export interface VoiceActivityDetector {
  readonly name: string;
  readonly capabilities: VoiceActivityCapabilities;
  stream(options?: VoiceActivityOptions): Promise<VoiceActivityStream>;
  close(): Promise<void>;
}
