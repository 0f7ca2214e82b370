import type { VoiceActivityEvent, VoiceActivityOptions } from "../voice-activity";

/** Defaults close to Silero's own: a start needs ~100 ms of speech, an end half a second of silence. */
export const VAD_DEFAULTS: Required<VoiceActivityOptions> = { activation: 0.5, deactivation: 0.35, minSpeechMs: 96, minSilenceMs: 500 };

/**
 * Turns per-window speech probabilities into start and end events, with hysteresis (a start above `activation`, an
 * end below `deactivation`) and minimum durations, so a click is not a caller and a breath is not the end of a turn.
 */
export class SpeechSegmenter {
  readonly #options: Required<VoiceActivityOptions>;
  readonly #windowMs: number;
  #speaking = false;
  #runMs = 0;
  #runStartMs = 0;
  #atMs = 0;

  constructor(windowMs: number, options: VoiceActivityOptions = {}) {
    this.#windowMs = windowMs;
    this.#options = { ...VAD_DEFAULTS, ...options };
  }

  get speaking(): boolean {
    return this.#speaking;
  }

  /** The event the window of probability `probability` completes, if any. */
  push(probability: number): VoiceActivityEvent | null {
    const windowStart = this.#atMs;
    this.#atMs += this.#windowMs;
    const { activation, deactivation, minSpeechMs, minSilenceMs } = this.#options;
    const counts = this.#speaking ? probability < deactivation : probability >= activation;
    if (!counts) {
      this.#runMs = 0;
      return null;
    }
    if (this.#runMs === 0) this.#runStartMs = windowStart;
    this.#runMs += this.#windowMs;
    if (this.#runMs < (this.#speaking ? minSilenceMs : minSpeechMs)) return null;
    this.#speaking = !this.#speaking;
    this.#runMs = 0;
    return { type: this.#speaking ? "speech.start" : "speech.end", atMs: this.#runStartMs, probability };
  }

  /** The stream ended: an end event if speech was still going on. */
  finish(): VoiceActivityEvent | null {
    if (!this.#speaking) return null;
    this.#speaking = false;
    return { type: "speech.end", atMs: this.#atMs, probability: 0 };
  }
}
