import { SAMPLE_RATE } from "../audio/pcm";

/** Quiet the whole-turn grammar search needs after the last word (see withTrailingSilence). */
export const TRAILING_SILENCE_MS = 400;
/** A sample within this (1% of full scale) is quiet. */
const QUIET_LEVEL = 328;

/**
 * `turn` ending in at least TRAILING_SILENCE_MS of quiet, zeros added where it has less (the same array where it has
 * enough). The grammar's search ends in a silence state, and a turn cut a couple of hundred milliseconds after its last
 * word, as one answered at a short pause is (turn-end.ts), may never reach it and decode as nothing: espeak-ng's "Well,
 * I want to book an appointment." at 1.2×, cut 150-250 ms after its last word, came back empty 3 times in 6
 * (speech-engines.test.ts), and through the pipeline at pauses of 128-192 ms now and then; with this, never. A turn
 * ended by the whole end-of-speech silence (500 ms) already has enough and costs nothing.
 */
export function withTrailingSilence(turn: Int16Array): Int16Array {
  const wanted = (TRAILING_SILENCE_MS * SAMPLE_RATE) / 1_000;
  let quiet = 0;
  while (quiet < wanted && quiet < turn.length && Math.abs(turn[turn.length - 1 - quiet]!) <= QUIET_LEVEL) quiet += 1;
  if (quiet >= wanted) return turn;
  const padded = new Int16Array(turn.length + wanted - quiet);
  padded.set(turn);
  return padded;
}
