import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { concatSamples, FRAME_BYTES } from "../audio/pcm";
import { LocalTextToSpeech } from "../piper/local-tts";
import { speakToPcm } from "../spoken-audio";
import type { VoiceActivityEvent } from "../voice-activity";
import { VoiceInputError } from "../voice-errors";
import { SileroVoiceActivityDetector } from "./silero-vad";
import { SpeechSegmenter } from "./speech-segmenter";

/* Silero itself, in onnxruntime-node (npm run voices:fetch puts the model in the state folder); no mock. */
let vad: SileroVoiceActivityDetector;
let piper: LocalTextToSpeech;

beforeAll(async () => {
  vad = new SileroVoiceActivityDetector({ threads: 1 });
  piper = new LocalTextToSpeech({ threads: 1, steady: true }); // the same audio every run: speech-engines.test.ts says why
});

afterAll(async () => {
  await Promise.all([vad?.close(), piper?.close()]);
});

/** The events of `samples` fed in 20 ms frames, as a transport delivers them. */
async function detect(samples: Int16Array): Promise<VoiceActivityEvent[]> {
  const stream = await vad.stream();
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  const events: VoiceActivityEvent[] = [];
  for (let at = 0; at < bytes.length; at += FRAME_BYTES) events.push(...(await stream.feed(bytes.subarray(at, at + FRAME_BYTES))));
  return [...events, ...(await stream.finish())];
}

const seconds = (s: number) => new Int16Array(Math.round(s * 16_000));

/** Gaussian noise at `rms` (a quiet room is ~100-300 of 32,768). */
function noise(s: number, rms: number): Int16Array {
  return Int16Array.from({ length: Math.round(s * 16_000) }, () =>
    Math.round(rms * Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random())),
  );
}

describe("Silero voice activity", () => {
  it("finds the one speech segment in silence, speech, silence", async () => {
    const speech = await speakToPcm(piper, "I would like to book an appointment for Tuesday.");
    const events = await detect(concatSamples([seconds(1), speech, seconds(1.5)]));
    expect(events.map((event) => event.type)).toEqual(["speech.start", "speech.end"]);
    const [start, end] = events as [VoiceActivityEvent, VoiceActivityEvent];
    const speechMs = (speech.length / 16_000) * 1000;
    expect(start.atMs).toBeGreaterThanOrEqual(900); // Piper leaves a little silence before the first word
    expect(start.atMs).toBeLessThan(1000 + 400);
    expect(end.atMs).toBeGreaterThan(1000 + speechMs - 600);
    expect(end.atMs).toBeLessThanOrEqual(1000 + speechMs + 100);
    expect(start.probability).toBeGreaterThan(0.5);
  });

  it("finds nothing in pure silence, nor in low noise", async () => {
    expect(await detect(seconds(5))).toEqual([]);
    expect(await detect(noise(5, 200))).toEqual([]);
  });

  it("hears speech after a long digital silence, even faint speech (what the pipeline relies on when it stops sending silence)", async () => {
    const speech = await speakToPcm(piper, "I would like to book an appointment for Tuesday.");
    const events = await detect(concatSamples([seconds(3), speech, seconds(1.5)]));
    expect(events.map((event) => event.type)).toEqual(["speech.start", "speech.end"]);
    expect(events[0]!.atMs).toBeGreaterThanOrEqual(2900);
    expect(events[0]!.atMs).toBeLessThan(3000 + 400);
    // Scaled to a peak of 128 of 32,768 (-68 dBFS RMS, some 45 dB below a normal line). Over 12 Piper syntheses Silero
    // heard it every time, starting 3.26-3.52 s (the line starts at ~3.1 s); at a peak of 64 it heard it late
    // (3.8-4.6 s) and at 48 missed it 4 times: Piper's output varies between runs, so the test keeps a margin.
    let peak = 0;
    for (const sample of speech) peak = Math.max(peak, Math.abs(sample));
    const faint = speech.map((sample) => Math.round((sample * 128) / peak));
    const faintEvents = await detect(concatSamples([seconds(3), faint, seconds(1.5)]));
    expect(faintEvents.map((event) => event.type)).toEqual(["speech.start", "speech.end"]);
    expect(faintEvents[0]!.atMs).toBeGreaterThanOrEqual(2900);
    expect(faintEvents[0]!.atMs).toBeLessThan(3000 + 1000);
  });

  it("refuses odd-length audio with a VoiceInputError and keeps the stream usable", async () => {
    const stream = await vad.stream();
    await expect(stream.feed(new Uint8Array(641))).rejects.toThrow(VoiceInputError);
    await expect(stream.feed(new Uint8Array(640))).resolves.toEqual([]);
    await expect(stream.finish()).resolves.toEqual([]);
  });

  it("ends speech still going on when the stream ends", async () => {
    const speech = await speakToPcm(piper, "Hello there, how are you doing today?");
    const events = await detect(concatSamples([seconds(0.5), speech.subarray(0, speech.length - 8000)]));
    expect(events.map((event) => event.type)).toEqual(["speech.start", "speech.end"]);
  });
});

describe("the speech segmenter", () => {
  it("ignores a click shorter than the minimum speech and a pause shorter than the minimum silence", () => {
    const segmenter = new SpeechSegmenter(32, { minSpeechMs: 96, minSilenceMs: 320 });
    const events = [0.9, 0.1, 0.9, 0.9, 0.9, 0.1, 0.1, 0.9, ...Array<number>(10).fill(0.1)].map((p) => segmenter.push(p)).filter(Boolean);
    expect(events).toEqual([
      { type: "speech.start", atMs: 64, probability: 0.9 },
      { type: "speech.end", atMs: 256, probability: 0.1 },
    ]);
  });
});
