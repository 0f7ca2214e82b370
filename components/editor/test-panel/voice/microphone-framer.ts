/**
 * Microphone samples to the wire's frames (docs/protocol.md#voice): 16 kHz mono PCM16 in 20 ms frames of 320
 * samples. Pure, so it is tested without a browser; the capture module feeds it what the worklet posts.
 */

/** The wire's rate and frame: 16 kHz, 320 samples (20 ms, 640 bytes). */
export const WIRE_SAMPLE_RATE = 16_000;
export const WIRE_FRAME_SAMPLES = 320;
export const WIRE_FRAME_MS = 20;

/** Floats in [-1, 1] as PCM16, clipped (a loud microphone must not wrap around into noise). */
export function floatToPcm16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const sample = Math.max(-1, Math.min(1, samples[i]!));
    out[i] = sample < 0 ? Math.round(sample * 32768) : Math.round(sample * 32767);
  }
  return out;
}

/** PCM16 as floats in [-1, 1), what an AudioBuffer holds. */
export function pcm16ToFloat(samples: Int16Array): Float32Array<ArrayBuffer> {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return out;
}

/** The loudness of a block as a 0..1 meter reading: RMS on a decibel scale from -60 dBFS (0) to 0 dBFS (1). */
export function meterLevel(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const decibels = 20 * Math.log10(rms);
  return Math.max(0, Math.min(1, (decibels + 60) / 60));
}

/**
 * Resamples a stream of blocks to 16 kHz by linear interpolation, keeping its place across blocks. Chromium gives
 * a 16 kHz AudioContext when asked (then this passes samples through); other browsers may keep the device's rate.
 * Linear interpolation is enough for speech recognition at these rates; a microphone's own low-pass does the rest.
 */
export class StreamResampler {
  readonly #step: number;
  /** Where the next output sample falls, in input samples from the start of the current block (may be negative: -1 is the last sample of the previous block). */
  #position = 0;
  #previous = 0;

  constructor(readonly inputRate: number) {
    if (!Number.isFinite(inputRate) || inputRate <= 0) throw new Error(`A sample rate is a positive number (got ${inputRate})`);
    this.#step = inputRate / WIRE_SAMPLE_RATE;
  }

  push(block: Float32Array): Float32Array {
    if (this.#step === 1) return block;
    const out: number[] = [];
    const at = (index: number) => (index < 0 ? this.#previous : block[index]!);
    while (this.#position <= block.length - 1) {
      const left = Math.floor(this.#position);
      const fraction = this.#position - left;
      const right = left + 1 <= block.length - 1 ? block[left + 1]! : block[left]!;
      out.push(fraction === 0 ? at(left) : at(left) + (right - at(left)) * fraction);
      this.#position += this.#step;
    }
    if (block.length > 0) {
      this.#previous = block[block.length - 1]!;
      this.#position -= block.length;
    }
    return Float32Array.from(out);
  }
}

/**
 * Cuts any stream of blocks into whole 320-sample PCM16 frames, carrying the remainder to the next push. Muted, it
 * sends silence of the same length: silence is what ends a turn and what a Listen's timeout counts, so a muted
 * caller must keep sending it rather than nothing.
 */
export class MicrophoneFramer {
  readonly #resampler: StreamResampler;
  #pending = new Int16Array(0);
  muted = false;

  constructor(inputRate: number) {
    this.#resampler = new StreamResampler(inputRate);
  }

  /** The frames completed by this block, each a fresh 320-sample buffer (its own ArrayBuffer, ready to send). */
  push(block: Float32Array): Int16Array<ArrayBuffer>[] {
    const resampled = floatToPcm16(this.#resampler.push(block));
    if (this.muted) resampled.fill(0);
    const all = new Int16Array(this.#pending.length + resampled.length);
    all.set(this.#pending);
    all.set(resampled, this.#pending.length);
    const frames: Int16Array<ArrayBuffer>[] = [];
    let at = 0;
    for (; at + WIRE_FRAME_SAMPLES <= all.length; at += WIRE_FRAME_SAMPLES) frames.push(all.slice(at, at + WIRE_FRAME_SAMPLES));
    this.#pending = all.slice(at);
    return frames;
  }
}
