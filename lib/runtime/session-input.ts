/**
 * What the caller's side sends into a session: a stream of typed events, the same whether a person types (a text
 * client sends only `utterance` and `hangup`) or speaks (a voice pipeline adds voice activity and partial transcripts).
 * Every caller event but `hangup` goes into the session's log as it is (see session-events.ts).
 */

/** A final transcript: the caller's whole turn, typed or transcribed. It is what completes a listen. */
export interface Utterance {
  type: "utterance";
  text: string;
  /**
   * Answered before the caller's turn was surely over (a voice pipeline answers an expected phrase at a short pause):
   * until `utterance.settled`, an `utterance.retracted` may take it back. Absent: final at once.
   */
  provisional?: true;
}

/** An utterance of `text`, marked provisional only when it is (the mark is absent, not false, on a final one). */
export function utteranceOf(text: string, provisional: boolean): Utterance {
  return provisional ? { type: "utterance", text, provisional: true } : { type: "utterance", text };
}

/**
 * The caller went on with the turn the last (provisional) utterance was answered on: the replies to it stop, the
 * handler goes back to the listen that heard it, and the whole turn comes as the next utterance. Logged.
 */
export interface UtteranceRetracted {
  type: "utterance.retracted";
}

/** The last (provisional) utterance can no longer be taken back: the caller was silent long enough. Not logged. */
export interface UtteranceSettled {
  type: "utterance.settled";
}

/**
 * What the speech recogniser has heard of the turn so far, in full (each partial replaces the one before it, as a
 * live caption does). Logged and shown; it never completes a listen.
 */
export interface PartialTranscript {
  type: "transcript.partial";
  text: string;
}

/** Voice activity began: a listen's timeout stops counting, and an interruptible reply being played is cut short. */
export interface SpeechStarted {
  type: "speech.started";
}

/** Voice activity ended: a pending listen's timeout counts again, from its full length. */
export interface SpeechEnded {
  type: "speech.ended";
}

/** Caller events recorded in the session's log. */
export type CallerEvent = Utterance | UtteranceRetracted | PartialTranscript | SpeechStarted | SpeechEnded;

/** Everything a transport may feed into `Session.receive`. */
export type SessionInput = CallerEvent | UtteranceSettled | { type: "hangup" };

/** Why an input was refused (the Socket.IO transport sends it as the `error` event's code). */
export type InputRejection = "busy" | "session_not_running";

/** Refused input: the transport turns it into an `error` event; the session goes on. */
export class InputRejectedError extends Error {
  constructor(
    readonly code: InputRejection,
    message: string,
  ) {
    super(message);
    this.name = "InputRejectedError";
  }
}
