import { describe, expect, it } from "vitest";
import { VoiceInputError } from "../voice-errors";
import { FRAME_SAMPLES, FrameSplitter, pcm16Samples, toFrames } from "./pcm";
import { resample } from "./resample";
import { readWav, writeWav } from "./wav";

function tone(hz: number, rate: number, seconds: number, amplitude = 10_000): Int16Array {
  return Int16Array.from({ length: Math.round(rate * seconds) }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate)));
}

function rms(samples: Int16Array): number {
  return Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
}

/** Zero crossings per second: twice the frequency of a pure tone. */
function crossingsPerSecond(samples: Int16Array, rate: number): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if (samples[i - 1]! < 0 !== samples[i]! < 0) crossings++;
  return crossings / (samples.length / rate);
}

describe("PCM16 frames", () => {
  it("refuses an odd number of bytes and a rate other than 16 kHz with a VoiceInputError", () => {
    expect(() => pcm16Samples(new Uint8Array(641))).toThrow(VoiceInputError);
    expect(() => pcm16Samples(new Uint8Array(641))).toThrow(/even number of bytes \(got 641\)/);
    expect(() => pcm16Samples(new Uint8Array(640), 8000)).toThrow(/16000 Hz PCM16 \(got 8000 Hz\)/);
  });

  it("reads a buffer that does not start on a 2-byte boundary", () => {
    const bytes = new Uint8Array(5);
    new DataView(bytes.buffer).setInt16(1, -1234, true);
    expect([...pcm16Samples(bytes.subarray(1))]).toEqual([-1234, 0]);
  });

  it("splits any chunking into 20 ms frames and pads only the last one", () => {
    const splitter = new FrameSplitter();
    const frames = [...splitter.push(new Int16Array(100)), ...splitter.push(new Int16Array(700)), ...splitter.flush()];
    expect(frames.map((frame) => frame.length)).toEqual([FRAME_SAMPLES, FRAME_SAMPLES, FRAME_SAMPLES]);
    expect(toFrames(new Int16Array(640))).toHaveLength(2);
    expect(toFrames(new Int16Array(0))).toHaveLength(0);
  });
});

describe("resampling", () => {
  it("keeps a phone line's 1 kHz tone at 1 kHz and its loudness when going from 8 kHz to 16 kHz", () => {
    const up = resample(tone(1000, 8000, 1), 8000, 16_000);
    expect(up.length).toBe(16_000);
    expect(crossingsPerSecond(up, 16_000)).toBeCloseTo(2000, -1);
    expect(rms(up) / rms(tone(1000, 16_000, 1))).toBeCloseTo(1, 1);
  });

  it("turns Piper's 22,050 Hz into 16 kHz and removes what 16 kHz cannot carry instead of folding it back", () => {
    const speechBand = resample(tone(3000, 22_050, 1), 22_050, 16_000);
    expect(speechBand.length).toBe(16_000);
    expect(rms(speechBand) / 7071).toBeCloseTo(1, 1);
    const aboveNyquist = resample(tone(10_000, 22_050, 1), 22_050, 16_000);
    expect(rms(aboveNyquist)).toBeLessThan(100); // 10 kHz would alias to 6 kHz at full strength
  });

  it("refuses a rate that is not a positive number", () => {
    expect(() => resample(new Int16Array(10), 0, 16_000)).toThrow(RangeError);
  });
});

describe("WAV files", () => {
  it("round-trips mono PCM16 and mixes stereo down", () => {
    const samples = tone(440, 16_000, 0.1);
    expect(readWav(writeWav({ samples, sampleRate: 16_000 }))).toEqual({ samples, sampleRate: 16_000 });
    const stereo = writeWav({ samples: Int16Array.from([100, 300, -100, -300]), sampleRate: 8000 });
    new DataView(stereo.buffer).setUint16(22, 2, true); // two channels of one frame each
    expect([...readWav(stereo).samples]).toEqual([200, -200]);
  });

  it("refuses random bytes and other encodings with a VoiceInputError", () => {
    expect(() => readWav(Uint8Array.from({ length: 100 }, () => Math.floor(Math.random() * 256)))).toThrow(VoiceInputError);
    const float = writeWav({ samples: new Int16Array(4), sampleRate: 16_000 });
    new DataView(float.buffer).setUint16(20, 3, true);
    expect(() => readWav(float)).toThrow(/only 16-bit PCM/);
    expect(() => readWav(writeWav({ samples: new Int16Array(4), sampleRate: 16_000 }).subarray(0, 30))).toThrow(VoiceInputError);
  });
});
