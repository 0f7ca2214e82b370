import { resamplingKernel } from "./resample";

/**
 * resample.ts's windowed-sinc filter for audio that arrives in pieces: the same kernel, applied across piece
 * boundaries (a piece resampled alone would be cut off at its edges), with each output phase's weights computed once
 * (the one-shot resample() computes them per sample, ~35 ms per second of audio at 16 ↔ 48 kHz; this, ~3 ms).
 * Output lags input by the filter's half width (16 input samples up, 48 down): flush() lets it out at the end.
 */
export class StreamResampler {
  /** Input samples per output sample, as the fraction inputStep / outputStep in lowest terms. */
  readonly #inputStep: number;
  readonly #outputStep: number;
  readonly #phases: ReadonlyArray<{ firstOffset: number; weights: Float64Array }>;
  /** How many input samples after its centre an output sample needs. */
  readonly #lookahead: number;
  /** Input kept for outputs still to come; #kept[0] is input sample #keptFrom. */
  #kept = new Float64Array(0);
  #keptFrom = 0;
  #received = 0;
  /** The next output sample's index. */
  #next = 0;

  constructor(fromRate: number, toRate: number) {
    const divisor = gcd(fromRate, toRate);
    this.#inputStep = fromRate / divisor;
    this.#outputStep = toRate / divisor;
    const { halfWidth, weight } = resamplingKernel(fromRate, toRate);
    this.#lookahead = Math.floor(halfWidth) + 1;
    this.#phases = Array.from({ length: this.#outputStep }, (_, phase) => {
      // Output n with n × inputStep = k × outputStep + phase sits `phase / outputStep` past input sample k.
      const centre = phase / this.#outputStep;
      const firstOffset = Math.ceil(centre - halfWidth);
      const weights = Float64Array.from({ length: Math.floor(centre + halfWidth) - firstOffset + 1 }, (_, j) =>
        weight(firstOffset + j - centre),
      );
      const sum = weights.reduce((total, value) => total + value, 0);
      return { firstOffset, weights: weights.map((value) => value / sum) };
    });
  }

  /** The output samples `samples` completes. */
  push(samples: Int16Array): Int16Array {
    const kept = new Float64Array(this.#kept.length + samples.length);
    kept.set(this.#kept);
    kept.set(samples, this.#kept.length);
    this.#kept = kept;
    this.#received += samples.length;
    return this.#emit(this.#received);
  }

  /** What the filter still holds, as if the input ended in silence. */
  flush(): Int16Array {
    // As many outputs in all as resample() gives for the whole input.
    const total = Math.floor((this.#received * this.#outputStep) / this.#inputStep);
    const before = this.#next;
    return this.push(new Int16Array(this.#lookahead * 2)).subarray(0, Math.max(0, total - before));
  }

  /** Output samples whose every input sample has arrived (input before the first counts as silence). */
  #emit(available: number): Int16Array {
    const last = this.#lastOutputFor(available - 1 - this.#lookahead);
    const out = new Int16Array(Math.max(0, last - this.#next + 1));
    for (let at = 0; at < out.length; at++) {
      const n = this.#next + at;
      const position = n * this.#inputStep;
      const base = Math.floor(position / this.#outputStep);
      const { firstOffset, weights } = this.#phases[position % this.#outputStep]!;
      let sum = 0;
      for (let j = 0; j < weights.length; j++) {
        const index = base + firstOffset + j - this.#keptFrom;
        if (index >= 0) sum += this.#kept[index]! * weights[j]!;
      }
      out[at] = Math.max(-32768, Math.min(32767, Math.round(sum)));
    }
    this.#next += out.length;
    // Keep what the next output's window reaches back to.
    const needed = Math.floor((this.#next * this.#inputStep) / this.#outputStep) - this.#lookahead - 1;
    if (needed > this.#keptFrom) {
      this.#kept = this.#kept.slice(needed - this.#keptFrom);
      this.#keptFrom = needed;
    }
    return out;
  }

  /** The last output whose centre is at or before input sample `lastCentre` (so its window ends a lookahead later). */
  #lastOutputFor(lastCentre: number): number {
    return Math.floor(((lastCentre + 1) * this.#outputStep) / this.#inputStep) - 1;
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
