import { VoiceInputError } from "../voice-errors";

/** The pipeline's one audio format: 16 kHz mono signed 16-bit little-endian PCM. */
export const SAMPLE_RATE = 16_000;
/** 20 ms at 16 kHz: the frame every transport sends and receives. */
export const FRAME_SAMPLES = 320;
export const FRAME_BYTES = FRAME_SAMPLES * 2;
export const FRAME_MS = 20;

/**
 * The samples of a PCM16 little-endian buffer, checked: an odd byte count or a declared rate other than 16 kHz is
 * refused with a VoiceInputError (resample first; see resample.ts). Copies when the buffer is not 2-byte aligned.
 */
export function pcm16Samples(bytes: Uint8Array, declaredSampleRate: number = SAMPLE_RATE): Int16Array {
  if (declaredSampleRate !== SAMPLE_RATE) {
    throw new VoiceInputError("sample-rate", `audio must be ${SAMPLE_RATE} Hz PCM16 (got ${declaredSampleRate} Hz): resample it first`);
  }
  if (bytes.byteLength % 2 !== 0) {
    throw new VoiceInputError("odd-length", `PCM16 audio has an even number of bytes (got ${bytes.byteLength})`);
  }
  if (bytes.byteOffset % 2 === 0) return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  return new Int16Array(bytes.slice().buffer);
}

/** Splits a stream of arbitrary-sized sample chunks into 20 ms frames, keeping the remainder for the next push. */
export class FrameSplitter {
  #pending = new Int16Array(0);

  /** The whole frames available after adding `samples`. */
  push(samples: Int16Array): Int16Array[] {
    const all = concatSamples([this.#pending, samples]);
    const frames: Int16Array[] = [];
    let at = 0;
    for (; at + FRAME_SAMPLES <= all.length; at += FRAME_SAMPLES) frames.push(all.slice(at, at + FRAME_SAMPLES));
    this.#pending = all.slice(at);
    return frames;
  }

  /** The last partial frame, padded with silence; empty when nothing is pending. */
  flush(): Int16Array[] {
    if (this.#pending.length === 0) return [];
    const last = new Int16Array(FRAME_SAMPLES);
    last.set(this.#pending);
    this.#pending = new Int16Array(0);
    return [last];
  }
}

/** All of `samples` as 20 ms frames, the last one padded with silence. */
export function toFrames(samples: Int16Array): Int16Array[] {
  const splitter = new FrameSplitter();
  return [...splitter.push(samples), ...splitter.flush()];
}

/** One buffer holding the chunks in order. */
export function concatSamples(chunks: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** PCM16 as floats in [-1, 1), the form neural models take. */
export function toFloat32(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return out;
}

/** Floats as PCM16, clipped. */
export function fromFloat32(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
  return out;
}

/** Duration of `samples` at 16 kHz, in milliseconds. */
export function durationMs(samples: { length: number }, sampleRate: number = SAMPLE_RATE): number {
  return (samples.length / sampleRate) * 1000;
}
