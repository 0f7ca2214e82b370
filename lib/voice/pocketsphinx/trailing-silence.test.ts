import { describe, expect, it } from "vitest";
import { TRAILING_SILENCE_MS, withTrailingSilence } from "./trailing-silence";

const wanted = TRAILING_SILENCE_MS * 16;

describe("withTrailingSilence", () => {
  it("adds the quiet a turn lacks after its last word, and nothing to one that has enough", () => {
    const cut = new Int16Array(16_000 + 1_600).fill(5_000, 0, 16_000); // 100 ms of quiet after a second of sound
    const padded = withTrailingSilence(cut);
    expect(padded.length).toBe(16_000 + wanted);
    expect(Array.from(padded.subarray(0, cut.length))).toEqual(Array.from(cut));
    expect(padded.subarray(16_000).every((sample) => sample === 0)).toBe(true);
    const ended = new Int16Array(16_000 + wanted + 5).fill(5_000, 0, 16_000);
    expect(withTrailingSilence(ended)).toBe(ended);
  });

  it("counts faint noise as quiet, and pads a turn that is loud to its last sample, or empty", () => {
    const faint = new Int16Array(wanted).map((_, index) => (index % 2 ? 300 : -300));
    expect(withTrailingSilence(faint)).toBe(faint);
    expect(withTrailingSilence(new Int16Array(10).fill(-9_000)).length).toBe(10 + wanted);
    expect(withTrailingSilence(new Int16Array(0)).length).toBe(wanted);
  });
});
