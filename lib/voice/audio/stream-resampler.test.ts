import { describe, expect, it } from "vitest";
import { resample } from "./resample";
import { StreamResampler } from "./stream-resampler";

/** A chirp with some noise: every band the filters pass or stop. */
function signal(length: number): Int16Array {
  let state = 7;
  const random = () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32 - 0.5;
  return Int16Array.from({ length }, (_, n) => Math.round(8_000 * Math.sin((n * n) / 40_000) + 2_000 * random()));
}

/** `samples` through a StreamResampler in pieces of the given sizes (cycled), then flushed. */
function streamed(samples: Int16Array, from: number, to: number, pieces: number[]): Int16Array {
  const resampler = new StreamResampler(from, to);
  const out: number[] = [];
  for (let at = 0, piece = 0; at < samples.length; piece++) {
    const size = pieces[piece % pieces.length]!;
    out.push(...resampler.push(samples.subarray(at, at + size)));
    at += size;
  }
  out.push(...resampler.flush());
  return Int16Array.from(out);
}

describe("resampling audio that arrives in pieces", () => {
  for (const [from, to] of [
    [16_000, 48_000],
    [48_000, 16_000],
    [22_050, 16_000],
    [8_000, 16_000],
  ] as const) {
    it(`${from} → ${to} Hz gives what resampling the whole does, whatever the pieces`, () => {
      const samples = signal(9_000);
      const whole = resample(samples, from, to);
      for (const pieces of [[320], [1, 7, 480], [9_000]]) {
        const pieced = streamed(samples, from, to, pieces);
        expect(pieced.length).toBe(whole.length);
        // Away from the two ends (where resample() renormalises a cut-off window), sample for sample, ±1 of rounding.
        const margin = 64 * Math.ceil(to / from);
        let worst = 0;
        for (let n = margin; n < whole.length - margin; n++) worst = Math.max(worst, Math.abs(pieced[n]! - whole[n]!));
        expect(worst).toBeLessThanOrEqual(1);
      }
    });
  }

  it("holds back only the filter's lookahead until flushed", () => {
    const resampler = new StreamResampler(16_000, 48_000);
    expect(resampler.push(new Int16Array(10))).toHaveLength(0); // 10 samples do not reach past the 17-sample lookahead
    expect(resampler.push(new Int16Array(310)).length).toBe((320 - 17) * 3);
    expect(resampler.flush().length).toBe(17 * 3);
  });
});
