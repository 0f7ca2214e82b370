import { describe, expect, it } from "vitest";
import { NoiseFloor } from "./noise-floor";

const rms = (samples: Int16Array) => Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length);

describe("NoiseFloor", () => {
  it("lays a faint floor of about -50 dBFS under digital silence", () => {
    const floored = new NoiseFloor().add(new Int16Array(16_000));
    expect(rms(floored)).toBeGreaterThan(80);
    expect(rms(floored)).toBeLessThan(120);
  });

  it("adds the same floor to the same audio every time, and leaves loud audio loud", () => {
    const tone = Int16Array.from({ length: 1_600 }, (_, n) => Math.round(10_000 * Math.sin((2 * Math.PI * 440 * n) / 16_000)));
    const first = new NoiseFloor().add(tone);
    expect(new NoiseFloor().add(tone)).toEqual(first);
    expect(Math.abs(rms(first) - rms(tone))).toBeLessThan(5);
  });

  it("clips at full scale instead of wrapping round", () => {
    const floored = new NoiseFloor().add(new Int16Array(1_000).fill(32_767));
    expect(Math.min(...floored)).toBeGreaterThan(30_000);
  });
});
