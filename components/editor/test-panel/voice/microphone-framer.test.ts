import { describe, expect, it } from "vitest";
import { MicrophoneFramer, StreamResampler, floatToPcm16, meterLevel, pcm16ToFloat } from "./microphone-framer";

/** A 440 Hz tone at `rate`, `seconds` long. */
function tone(rate: number, seconds: number): Float32Array {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / rate));
}

/** Splits `samples` into blocks of `size` (the Web Audio render quantum is 128). */
function blocks(samples: Float32Array, size: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let at = 0; at < samples.length; at += size) out.push(samples.subarray(at, at + size));
  return out;
}

describe("PCM16 conversion", () => {
  it("maps full scale to the ends of the range and clips what lies beyond instead of wrapping", () => {
    expect([...floatToPcm16(Float32Array.from([0, 1, -1, 2, -2, 0.5]))]).toEqual([0, 32767, -32768, 32767, -32768, 16384]);
  });

  it("round-trips within one step", () => {
    const samples = Int16Array.from([0, 1, -1, 12345, -32768, 32767]);
    const back = floatToPcm16(pcm16ToFloat(samples));
    for (let i = 0; i < samples.length; i++) expect(Math.abs(back[i]! - samples[i]!)).toBeLessThanOrEqual(1);
  });
});

describe("the level meter", () => {
  it("reads 0 for silence, about 0.85 for a half-scale tone (-9 dBFS), and stays within 0..1", () => {
    expect(meterLevel(new Float32Array(320))).toBe(0);
    expect(meterLevel(new Float32Array(0))).toBe(0);
    expect(meterLevel(tone(16_000, 0.02))).toBeCloseTo(0.85, 2);
    expect(meterLevel(Float32Array.from({ length: 320 }, () => 4))).toBe(1);
  });
});

describe("resampling to 16 kHz", () => {
  it("passes 16 kHz through untouched", () => {
    const block = tone(16_000, 0.01);
    expect(new StreamResampler(16_000).push(block)).toBe(block);
  });

  it("turns one second at 48 kHz or 44.1 kHz, in 128-sample blocks, into one second at 16 kHz that follows the tone", () => {
    for (const rate of [48_000, 44_100]) {
      const resampler = new StreamResampler(rate);
      const out = blocks(tone(rate, 1), 128).flatMap((block) => [...resampler.push(block)]);
      expect(Math.abs(out.length - 16_000)).toBeLessThanOrEqual(1);
      const expected = tone(16_000, 1);
      const worst = out.reduce((max, sample, i) => Math.max(max, Math.abs(sample - expected[i]!)), 0);
      expect(worst).toBeLessThan(0.02);
    }
  });

  it("refuses a rate that is not a positive number", () => {
    expect(() => new StreamResampler(0)).toThrow(/positive/);
    expect(() => new StreamResampler(Number.NaN)).toThrow(/positive/);
  });
});

describe("framing", () => {
  it("cuts 128-sample blocks into whole 320-sample frames in order, carrying the rest", () => {
    const framer = new MicrophoneFramer(16_000);
    const samples = Float32Array.from({ length: 1000 }, (_, i) => (i % 100) / 100);
    const frames = blocks(samples, 128).flatMap((block) => framer.push(block));
    expect(frames).toHaveLength(3);
    expect(frames.every((frame) => frame.length === 320 && frame.byteLength === 640)).toBe(true);
    expect([...frames[1]!.subarray(0, 3)]).toEqual([...floatToPcm16(samples.subarray(320, 323))]);
    // Each frame has its own buffer, so sending one (and transferring it) leaves the others alone.
    expect(new Set(frames.map((frame) => frame.buffer)).size).toBe(3);
    expect(framer.push(new Float32Array(280))).toHaveLength(1);
  });

  it("sends silence of the same length while muted, and the microphone again once unmuted", () => {
    const framer = new MicrophoneFramer(48_000);
    framer.muted = true;
    const muted = blocks(tone(48_000, 0.1), 128).flatMap((block) => framer.push(block));
    expect(muted.length).toBeGreaterThanOrEqual(4);
    expect(muted.every((frame) => frame.every((sample) => sample === 0))).toBe(true);
    framer.muted = false;
    const live = blocks(tone(48_000, 0.1), 128).flatMap((block) => framer.push(block));
    expect(live.some((frame) => frame.some((sample) => sample !== 0))).toBe(true);
  });
});
