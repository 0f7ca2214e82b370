import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { concatSamples } from "./audio/pcm";
import { LocalTextToSpeech } from "./piper/local-tts";
import { ReplyAudioCache } from "./reply-audio-cache";

/* The real espeak-ng voice behind the cache: what is played from memory must be what was synthesised. */
let espeak: LocalTextToSpeech;

beforeAll(() => {
  espeak = new LocalTextToSpeech({ threads: 1, voice: "espeak" });
});
afterAll(async () => {
  await espeak?.close();
});

/** The same engine, counting what it is asked to synthesise; closing the cache leaves the shared engine running. */
function countingEngine(): { engine: LocalTextToSpeech; spoken: string[] } {
  const spoken: string[] = [];
  const engine = Object.create(espeak) as LocalTextToSpeech;
  engine.speak = (text, options) => {
    spoken.push(text);
    return espeak.speak(text, options);
  };
  engine.close = () => Promise.resolve();
  return { engine, spoken };
}

async function collect(frames: AsyncIterable<Int16Array>, stopAfter = Infinity): Promise<Int16Array> {
  const kept: Int16Array[] = [];
  for await (const frame of frames) {
    kept.push(frame);
    if (kept.length >= stopAfter) break;
  }
  return concatSamples(kept);
}

describe("ReplyAudioCache", () => {
  it("plays a reply spoken before from memory, the same audio, and synthesises a new text or pace", async () => {
    const { engine, spoken } = countingEngine();
    const cache = new ReplyAudioCache(engine);
    const first = await collect(cache.speak("Please say yes or no."));
    const again = await collect(cache.speak("Please say yes or no."));
    expect(first.length).toBeGreaterThan(8_000);
    expect(again).toEqual(first);
    await collect(cache.speak("Please say yes or no.", { rate: 1.25 }));
    await collect(cache.speak("Goodbye."));
    expect(spoken).toEqual(["Please say yes or no.", "Please say yes or no.", "Goodbye."]);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 3, replies: 3 });
    await cache.close();
  });

  it("keeps nothing of a reply that was interrupted or stopped early", async () => {
    const { engine, spoken } = countingEngine();
    const cache = new ReplyAudioCache(engine);
    const interrupted = new AbortController();
    let frames = 0;
    for await (const _frame of cache.speak("One sentence. And another one.", { signal: interrupted.signal }))
      if (++frames === 3) interrupted.abort();
    await collect(cache.speak("Stopped early, by the listener."), 2);
    await collect(cache.speak("One sentence. And another one."));
    await collect(cache.speak("Stopped early, by the listener."));
    expect(spoken).toHaveLength(4);
    expect(cache.stats.replies).toBe(2);
    await cache.close();
  });

  it("forgets the least recently spoken reply first when full", async () => {
    const { engine, spoken } = countingEngine();
    const probe = await collect(espeak.speak("First."));
    // Room for about two of these short replies.
    const cache = new ReplyAudioCache(engine, { maxBytes: probe.byteLength * 2.5 });
    for (const text of ["First.", "Second.", "First.", "Third.", "First.", "Second."]) await collect(cache.speak(text));
    // "Second." was the least recent when "Third." came in, so it alone was synthesised again.
    expect(spoken).toEqual(["First.", "Second.", "Third.", "Second."]);
    expect(cache.stats.bytes).toBeLessThanOrEqual(probe.byteLength * 2.5);
  });
});
