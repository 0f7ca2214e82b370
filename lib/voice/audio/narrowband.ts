import FFT from "fft.js";
import { SAMPLE_RATE } from "./pcm";

/** Analysis frames: 512 samples (32 ms, 31.25 Hz bins) under a Hann window, half overlapped (Welch's method). */
const FRAME = 512;
const HOP = FRAME / 2;
/** Just below a telephone channel's edge, where it still carries speech, and just above, where it carries nothing. */
const BELOW_EDGE_HZ = [3_000, 3_800] as const;
const ABOVE_EDGE_HZ = [4_200, 5_000] as const;
/**
 * How much stronger the band below the edge must be than the band above. Measured over bench:voice-accuracy's lines
 * (Piper and espeak-ng at three rates, clean and with 20 and 10 dB white noise, the noisy ones after RNNoise, as the
 * recogniser hears them): 16 kHz lines -5 to +24 dB (medians +5 to +10), lines through an 8 kHz phone line +15 to +36 dB
 * (medians +21 to +29). Where they overlap, a wideband line taken for a phone line costs little: the recogniser asks its
 * phone-line search only when the grammar found nothing (stt-worker.ts).
 */
const EDGE_DB = 18;

const fft = new FFT(FRAME);
const window = Float64Array.from({ length: FRAME }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / FRAME));
const bin = (hz: number) => Math.round((hz * FRAME) / SAMPLE_RATE);

/**
 * Whether 16 kHz audio came through an 8 kHz channel (a phone line, a Bluetooth headset's narrowband mode): its
 * average spectrum falls off a cliff at 4 kHz, where wideband speech carries on. Silence, and audio shorter than one
 * analysis frame, are not narrowband.
 */
export function isNarrowband(samples: Int16Array): boolean {
  const drop = edgeDropDb(samples);
  return drop !== null && drop >= EDGE_DB;
}

/** How many dB the average spectrum falls from just below 4 kHz to just above; null for silence or under one frame. */
export function edgeDropDb(samples: Int16Array): number | null {
  if (samples.length < FRAME) return null;
  const frame = new Float64Array(FRAME);
  const spectrum = fft.createComplexArray() as number[];
  let below = 0;
  let above = 0;
  for (let at = 0; at + FRAME <= samples.length; at += HOP) {
    for (let n = 0; n < FRAME; n++) frame[n] = (samples[at + n] as number) * (window[n] as number);
    fft.realTransform(spectrum, frame);
    below += bandPower(spectrum, BELOW_EDGE_HZ);
    above += bandPower(spectrum, ABOVE_EDGE_HZ);
  }
  if (below === 0) return null;
  return 10 * Math.log10(below / Math.max(above, Number.MIN_VALUE));
}

function bandPower(spectrum: readonly number[], [fromHz, toHz]: readonly [number, number]): number {
  let power = 0;
  for (let k = bin(fromHz); k < bin(toHz); k++) {
    const re = spectrum[2 * k] as number;
    const im = spectrum[2 * k + 1] as number;
    power += re * re + im * im;
  }
  return power;
}
