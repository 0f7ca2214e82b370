import { describe, expect, it } from "vitest";
import { edgeDropDb, isNarrowband } from "./narrowband";
import { resample } from "./resample";

/** Seeded white noise at RMS ~3,000: as much energy at every frequency up to 8 kHz. */
function whiteNoise(length: number): Int16Array {
  let state = 7;
  const uniform = () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
  return Int16Array.from({ length }, () => Math.round((uniform() + uniform() + uniform() - 1.5) * 6_000));
}
const throughAPhoneLine = (samples: Int16Array) => resample(resample(samples, 16_000, 8_000), 8_000, 16_000);

describe("narrowband audio", () => {
  it("is audio that came through an 8 kHz channel: its spectrum ends at 4 kHz", () => {
    const noise = whiteNoise(16_000);
    expect(isNarrowband(noise)).toBe(false);
    expect(Math.abs(edgeDropDb(noise)!)).toBeLessThan(1);
    expect(isNarrowband(throughAPhoneLine(noise))).toBe(true);
    expect(edgeDropDb(throughAPhoneLine(noise))!).toBeGreaterThan(20);
  });

  it("is not silence, nor audio too short to tell", () => {
    expect(isNarrowband(new Int16Array(16_000))).toBe(false);
    expect(edgeDropDb(new Int16Array(16_000))).toBeNull();
    expect(isNarrowband(throughAPhoneLine(whiteNoise(400)))).toBe(false);
  });
});
