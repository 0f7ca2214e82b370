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
  #heardPhrase = false;
  /** Silence since the turn was held, counted from when the VAD's pause began; null while not held. */
  #heldSilenceMs: number | null = null;

  constructor(options: { silenceMs: number; vadSilenceMs: number }) {
    this.silenceMs = options.silenceMs;
    this.#vadSilenceMs = options.vadSilenceMs;
  }

  /** The recogniser's latest partial transcript named these expected phrases (none: it heard none so far). */
  partial(matchedPhrases: readonly string[]): void {
    this.#heardPhrase = matchedPhrases.length > 0;
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
const SPEECH_START_LAG_MS = 96;

/**
 * The rest of a turn that was answered on a phrase, before the Listen's own silence had passed. Speech that resumes
 * within that silence would have been the same turn had the pipeline waited it out: the caller is finishing the
 * sentence ("Yes please, | I'd like to book an appointment."), not answering what the bot says next, nor cutting it
 * short. It is no new turn (no speech.started, so no barge-in; no utterance for the next Listen) and goes on, through
 * short pauses, until the caller has been silent for the Listen's whole silence. Found by a client written from the
 * docs: the sample flow took the rest of that sentence as the caller's name.
 */
export class AnsweredTurnTail {
  readonly #silenceMs: number;
  #leftMs: number;
  #speaking = false;

  /** `turn` ended with silenceLeftMs > 0. */
  constructor(turn: TurnEnd) {
    this.#silenceMs = turn.silenceMs;
    this.#leftMs = turn.silenceLeftMs + SPEECH_START_LAG_MS;
  }

  /** Whether the caller is speaking on in it. */
  get speaking(): boolean {
    return this.#speaking;
  }

  /** The VAD heard speech: true when it is the answered turn going on, false when it is a new turn. */
  speechStarted(): boolean {
    if (this.#leftMs <= 0) return false;
    this.#speaking = true;
    return true;
  }

  /** The VAD heard a pause of `pauseMs`: the caller may still go on until the Listen's silence has passed. */
  speechEnded(pauseMs: number): void {
    this.#speaking = false;
    this.#leftMs = Math.max(0, this.#silenceMs - pauseMs) + SPEECH_START_LAG_MS;
  }

  /** `ms` more of the caller's audio went by: false once the tail is over. */
  elapsed(ms: number): boolean {
    if (this.#speaking) return true;
    this.#leftMs -= ms;
    return this.#leftMs > 0;
  }
}
