import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { concatSamples } from "../audio/pcm";
import { LocalTextToSpeech } from "../piper/local-tts";
import { speakToPcm } from "../spoken-audio";
import { RnnoiseDenoiser } from "./rnnoise-denoiser";

/* RNNoise itself (WebAssembly from npm), on Piper's speech and seeded white noise; no mock. */
let piper: LocalTextToSpeech;
beforeAll(() => {
  piper = new LocalTextToSpeech({ threads: 1, steady: true }); // the same audio every run: speech-engines.test.ts says why
});
afterAll(async () => {
  await piper?.close();
});

function whiteNoise(length: number, rms: number, seed = 99): Int16Array {
  let state = seed;
  const uniform = () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) || 1) / 2 ** 32;
  return Int16Array.from({ length }, () => Math.round(rms * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())));
}

const rms = (samples: Int16Array) => Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length);

/** `samples` through a new denoiser in pieces of `piece` samples, then flushed. */
async function denoised(samples: Int16Array, piece: number): Promise<Int16Array> {
  const denoiser = await RnnoiseDenoiser.create();
  try {
    const out: Int16Array[] = [];
    for (let at = 0; at < samples.length; at += piece) out.push(denoiser.push(samples.subarray(at, at + piece)));
    out.push(denoiser.flush());
    return concatSamples(out);
  } finally {
    denoiser.free();
  }
}

describe("RNNoise in front of the recogniser", () => {
  it("takes most of the noise out of a pause and keeps the speech", async () => {
    const speech = await speakToPcm(piper, "I would like to book an appointment.");
    const noise = whiteNoise(16_000 + speech.length, rms(speech) / 3); // 10 dB below the speech
    const noisy = concatSamples([noise.subarray(0, 16_000), speech.map((sample, n) => sample + noise[16_000 + n]!)]);
    const out = await denoised(noisy, 640);
    // Every sample comes out, ~12 ms late, plus the flushed lag.
    expect(out.length).toBeGreaterThanOrEqual(noisy.length);
    expect(out.length).toBeLessThan(noisy.length + 16 * 30);
    // The pause (its last half second, past the network's start-up) is at least 15 dB quieter…
    expect(rms(out.subarray(8_000, 16_000))).toBeLessThan(rms(noisy.subarray(8_000, 16_000)) / 5.6);
    // …and the speech keeps most of its level.
    expect(rms(out.subarray(16_000 + 1_600, out.length - 1_600))).toBeGreaterThan(rms(speech) * 0.5);
  });

  it("gives the same audio whatever pieces it comes in", async () => {
    const samples = concatSamples([whiteNoise(4_000, 800), await speakToPcm(piper, "Yes."), whiteNoise(4_000, 800, 7)]);
    const inFrames = await denoised(samples, 320);
    expect(await denoised(samples, 1_000)).toEqual(inFrames);
    expect(await denoised(samples, samples.length)).toEqual(inFrames);
  });

  it("refuses audio once freed", async () => {
    const denoiser = await RnnoiseDenoiser.create();
    denoiser.free();
    denoiser.free(); // twice is harmless
    expect(() => denoiser.push(new Int16Array(320))).toThrow(/freed/);
  });
});
