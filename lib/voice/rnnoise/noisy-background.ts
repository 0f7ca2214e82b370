import { FRAME_SAMPLES } from "../audio/pcm";

/**
 * Louder than this (RMS of 32,768; -50 dBFS) the background is noise worth suppressing: above a quiet room through a
 * decent microphone (-60 to -55 dBFS) and a phone line's comfort noise, below a fan, a street or a car.
 */
const NOISY_RMS = 100;

/**
 * Whether the quietest 20 ms of `samples` is louder than a quiet room: the recogniser's test, on the first audio of a
 * turn (the pipeline's pre-roll, from before the caller was heard), of whether to run the turn through RNNoise,
 * which costs ~35 ms of CPU per second of audio and does nothing for a clean line.
 */
export function isNoisyBackground(samples: Int16Array): boolean {
  let quietest = Infinity;
  for (let at = 0; at < samples.length; at += FRAME_SAMPLES) {
    const frame = samples.subarray(at, at + FRAME_SAMPLES);
    // A piece shorter than a frame counts only when it is all there is.
    if (frame.length < FRAME_SAMPLES && at > 0) break;
    let power = 0;
    for (const sample of frame) power += sample * sample;
    quietest = Math.min(quietest, Math.sqrt(power / frame.length));
  }
  return quietest > NOISY_RMS;
}
