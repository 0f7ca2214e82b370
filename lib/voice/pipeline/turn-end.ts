import type { ListenHints } from "../../runtime/listen-hints";

/**
 * The pause after which a caller who has said one of the Listen's expected phrases is answered: four Silero windows
 * (32 ms each), ~220 ms after the last word (Silero hears the end of a word ~95 ms late). The cost of answering early
 * is a caller who pauses after a phrase and goes on: measured over 48 lines with commas (Piper and espeak-ng, three
 * rates, "No, I'd like to book an appointment.", "No, actually, yes.", "I was wondering, could I book…"), the first
 * turn took another branch than the whole sentence would have 15 times at 96 ms, 10 at 128, 9 at 160 and 192, 2 at
 * 256; each 32 ms adds as much to every answer. A Listen where that matters sets `waitForFullSilence`.
 */
export const PHRASE_PAUSE_MS = 128;

/** The server's end-of-speech silence where neither the Listen nor the pipeline's options set one. */
export const DEFAULT_END_OF_SPEECH_MS = 500;

/** The silence that ends a turn heard with `hints`, the Listen's own or the pipeline's. */
export function endOfSpeechMs(hints: ListenHints | undefined, pipelineMs: number | undefined): number {
  return hints?.endOfSpeechMs ?? pipelineMs ?? DEFAULT_END_OF_SPEECH_MS;
}

/**
 * The silence the VAD stream is opened with for a turn heard with `hints`: a Listen that expects phrases (and does not
 * ask to wait out its silence) is told of a pause after PHRASE_PAUSE_MS, so that a caller who said one is answered
 * then; every other Listen waits its whole end-of-speech silence.
 */
export function vadSilenceMs(hints: ListenHints | undefined, pipelineMs: number | undefined): number {
  const silence = endOfSpeechMs(hints, pipelineMs);
  const answersOnPhrase = (hints?.expectedPhrases.length ?? 0) > 0 && hints?.waitForFullSilence !== true;
  return answersOnPhrase ? Math.min(silence, PHRASE_PAUSE_MS) : silence;
}

/**
 * When one caller turn ends. The VAD reports a pause after `vadSilenceMs`; if the recogniser's latest partial
 * transcript holds an expected phrase, the turn ends there. Otherwise the turn is held open, the recogniser still fed,
 * until the Listen's own silence has passed: speech meanwhile goes on with the same turn, and a phrase recognised
 * meanwhile ends it at once. The Listen's end-of-speech silence is then the longest a caller waits, not the only wait.
 */
export class TurnEnd {
  readonly silenceMs: number;
  readonly #vadSilenceMs: number;
  /** Whether an expected phrase ends the turn before the silence has passed (not for a turn heard again). */
  readonly #answersOnPhrase: boolean;
  #heardPhrase = false;
  /** Silence since the turn was held, counted from when the VAD's pause began; null while not held. */
  #heldSilenceMs: number | null = null;

  constructor(options: { silenceMs: number; vadSilenceMs: number; answersOnPhrase?: boolean }) {
    this.silenceMs = options.silenceMs;
    this.#vadSilenceMs = options.vadSilenceMs;
    this.#answersOnPhrase = options.answersOnPhrase ?? true;
  }

  /** The recogniser's latest partial transcript named these expected phrases (none: it heard none so far). */
  partial(matchedPhrases: readonly string[]): void {
    this.#heardPhrase = this.#answersOnPhrase && matchedPhrases.length > 0;
  }

  /** The VAD reported a pause: true when the turn ends now, false when it is held. */
  paused(): boolean {
    if (this.#heardPhrase || this.#vadSilenceMs >= this.silenceMs) return true;
    this.#heldSilenceMs = this.#vadSilenceMs;
    return false;
  }

  /** The VAD heard speech again: a held turn goes on (true), or this is a new turn (false). */
  resumed(): boolean {
    if (this.#heldSilenceMs === null) return false;
    this.#heldSilenceMs = null;
    return true;
  }

  /**
   * How much of the Listen's silence had not passed when the turn ended (0 when it waited all of it): a caller who
   * speaks again within it is going on with the answer (AnsweredTurnTail).
   */
  get silenceLeftMs(): number {
    return Math.max(0, this.silenceMs - (this.#heldSilenceMs ?? this.#vadSilenceMs));
  }

  /** `ms` more of the caller's audio went by: true when a held turn ends now (never for one not held). */
  elapsed(ms: number): boolean {
    if (this.#heldSilenceMs === null) return false;
    this.#heldSilenceMs += ms;
    return this.#heardPhrase || this.#heldSilenceMs >= this.silenceMs;
  }
}

/**
 * How much later the VAD reports speech than it began (Silero needs a few windows of it): a caller who resumed just
 * inside the Listen's silence is reported just outside it.
 */
export const SPEECH_START_LAG_MS = 96;

/**
 * What follows a turn answered on a phrase before the Listen's own silence had passed: until that silence has, the
 * answer is provisional (lib/runtime/turn-settling.ts). Speech that resumes meanwhile would have been the same turn had
 * the pipeline waited: the caller is finishing the sentence ("No, | I'd like to book an appointment."), so the answer
 * is taken back and the whole turn, the audio kept here and what follows, is heard again. Found by a client written
 * from the docs: the sample flow once took the rest of "Yes please, I'd like to book an appointment." as a name.
 */
export class AnsweredTurnTail {
  /** The answered turn's audio, as the recogniser was fed it, then the caller's audio since. */
  readonly audio: Int16Array[];
  /** What the Listen that heard it expects. */
  readonly hints: ListenHints | undefined;
  /** How many times the turn was taken back before this answer. */
  readonly takeBacks: number;
  #leftMs: number;

  constructor(turn: TurnEnd, audio: Int16Array[], hints: ListenHints | undefined, takeBacks: number) {
    this.audio = audio;
    this.hints = hints;
    this.takeBacks = takeBacks;
    this.#leftMs = turn.silenceLeftMs + SPEECH_START_LAG_MS;
  }

  /** More of the caller's audio, `ms` long: false once the Listen's silence has passed and the answer is final. */
  heard(samples: Int16Array, ms: number): boolean {
    this.audio.push(samples);
    this.#leftMs -= ms;
    return this.#leftMs > 0;
  }
}
