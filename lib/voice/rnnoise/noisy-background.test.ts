import { describe, expect, it } from "vitest";
import { concatSamples } from "../audio/pcm";
import { isNoisyBackground } from "./noisy-background";

function noise(length: number, rms: number): Int16Array {
  let state = 5;
  const uniform = () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) || 1) / 2 ** 32;
  return Int16Array.from({ length }, () => Math.round(rms * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())));
}
const tone = (length: number, amplitude: number) => Int16Array.from({ length }, (_, n) => Math.round(amplitude * Math.sin(n / 5)));

describe("whether a turn begins over a noisy background", () => {
  it("is not for silence, a quiet room or comfort noise, and is for a fan or a street", () => {
    expect(isNoisyBackground(new Int16Array(4_800))).toBe(false);
    expect(isNoisyBackground(noise(4_800, 30))).toBe(false); // -61 dBFS
    expect(isNoisyBackground(noise(4_800, 60))).toBe(false);
    expect(isNoisyBackground(noise(4_800, 300))).toBe(true); // -41 dBFS
    expect(isNoisyBackground(noise(4_800, 1_000))).toBe(true);
  });

  it("judges by the quietest 20 ms: speech at the end of the pre-roll does not make a quiet line noisy", () => {
    expect(isNoisyBackground(concatSamples([noise(1_600, 40), tone(3_200, 8_000)]))).toBe(false);
    expect(isNoisyBackground(concatSamples([noise(1_600, 400), tone(3_200, 8_000)]))).toBe(true);
    // Speech from the first sample (nothing before it was kept) can only be taken as noise: RNNoise keeps speech.
    expect(isNoisyBackground(tone(320, 8_000))).toBe(true);
  });

  it("takes a piece shorter than a frame as it is, and ignores a short tail after whole frames", () => {
    expect(isNoisyBackground(noise(100, 500))).toBe(true);
    expect(isNoisyBackground(concatSamples([noise(640, 20), tone(100, 8_000)]))).toBe(false);
  });
});
