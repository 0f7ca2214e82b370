/**
 * Digital silence: every sample within ±2 of zero, what a muted microphone, a caller's silence after Opus DTX or a
 * phone gateway deliver. Once it has lasted SETTLED_SILENCE_MS while nobody speaks, the VAD has settled on it and has
 * nothing to learn from more of it: the voice pipeline stops sending it to the VAD (voice-pipeline.ts has the
 * measurements). Real room noise is far louder (~100-300 of 32,768).
 */
const DIGITAL_SILENCE_PEAK = 2;
export const SETTLED_SILENCE_MS = 500;

export function isDigitalSilence(samples: Int16Array): boolean {
  for (const sample of samples) if (sample > DIGITAL_SILENCE_PEAK || sample < -DIGITAL_SILENCE_PEAK) return false;
  return true;
}
