/**
 * Band-limited resampling of mono PCM16 (a windowed-sinc filter, 16 zero crossings each side, Blackman window):
 * Piper's 22,050 Hz and a phone line's 8,000 Hz become the pipeline's 16,000 Hz. When lowering the rate the filter's
 * cut-off drops with it, so nothing above the new Nyquist frequency folds back as noise (linear interpolation would).
 */
export function resample(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (!Number.isFinite(fromRate) || !Number.isFinite(toRate) || fromRate <= 0 || toRate <= 0) {
    throw new RangeError(`cannot resample from ${fromRate} Hz to ${toRate} Hz`);
  }
  if (fromRate === toRate) return samples.slice();
  const ratio = toRate / fromRate;
  const { halfWidth, weight: weightAt } = resamplingKernel(fromRate, toRate);
  const out = new Int16Array(Math.floor(samples.length * ratio));
  for (let n = 0; n < out.length; n++) {
    const centre = n / ratio;
    const first = Math.max(0, Math.ceil(centre - halfWidth));
    const last = Math.min(samples.length - 1, Math.floor(centre + halfWidth));
    let sum = 0;
    let weights = 0;
    for (let k = first; k <= last; k++) {
      const x = k - centre;
      const weight = weightAt(x);
      sum += samples[k]! * weight;
      weights += weight;
    }
    // Normalising by the weights keeps the gain at 1 near the edges too.
    const value = weights === 0 ? 0 : sum / weights;
    out[n] = Math.max(-32768, Math.min(32767, Math.round(value)));
  }
  return out;
}

const ZERO_CROSSINGS = 16;

/**
 * The filter both resamplers apply: its half width in input samples, and its weight for an input sample `x` input
 * samples from the output's centre (before normalising). Its cut-off, of the input's Nyquist frequency, drops with
 * the rate when lowering it.
 */
export function resamplingKernel(fromRate: number, toRate: number): { halfWidth: number; weight: (x: number) => number } {
  const cutoff = Math.min(1, toRate / fromRate);
  const halfWidth = ZERO_CROSSINGS / cutoff;
  return { halfWidth, weight: (x) => cutoff * sinc(cutoff * x) * blackman(x / halfWidth) };
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Blackman window over t in [-1, 1]. */
function blackman(t: number): number {
  const u = (t + 1) / 2;
  return 0.42 - 0.5 * Math.cos(2 * Math.PI * u) + 0.08 * Math.cos(4 * Math.PI * u);
}
