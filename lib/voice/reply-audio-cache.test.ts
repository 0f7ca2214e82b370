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

  it("synthesises a reply asked for by many callers at once only once, each hearing all of it", async () => {
    const { engine, spoken } = countingEngine();
    const cache = new ReplyAudioCache(engine);
    const alone = await collect(espeak.speak("Thanks for calling. How can I help?"));
    const together = await Promise.all(Array.from({ length: 20 }, () => collect(cache.speak("Thanks for calling. How can I help?"))));
    expect(spoken).toEqual(["Thanks for calling. How can I help?"]);
    for (const heard of together) expect(heard).toEqual(alone);
    expect(cache.stats).toMatchObject({ misses: 1, shared: 19, replies: 1 });
    expect(await collect(cache.speak("Thanks for calling. How can I help?"))).toEqual(alone);
    expect(cache.stats.hits).toBe(1);
    await cache.close();
  });

  it("lets one caller's barge-in stop only that caller's copy, and stops the synthesis when nobody listens", async () => {
    const { engine, spoken } = countingEngine();
    const cache = new ReplyAudioCache(engine);
    const text = "One sentence. And another one. And a third.";
    const alone = await collect(espeak.speak(text));
    const bargedIn = new AbortController();
    let bargedInFrames = 0;
    const [first, second] = await Promise.all([
      (async () => {
        for await (const _frame of cache.speak(text, { signal: bargedIn.signal })) if (++bargedInFrames === 3) bargedIn.abort();
      })(),
      collect(cache.speak(text)),
    ]);
    expect(first).toBeUndefined();
    expect(bargedInFrames).toBe(3);
    expect(second).toEqual(alone);
    expect(cache.stats.replies).toBe(1);
    // Every listener gone early: the synthesis stops, nothing is kept, and the next caller gets a synthesis of its own.
    await Promise.all([collect(cache.speak("Nobody waits for this one."), 2), collect(cache.speak("Nobody waits for this one."), 1)]);
    expect(cache.stats.replies).toBe(1);
    await collect(cache.speak("Nobody waits for this one."));
    expect(spoken).toEqual([text, "Nobody waits for this one.", "Nobody waits for this one."]);
    await cache.close();
  });

  it("gives every caller sharing a synthesis its failure, and tries again for the next", async () => {
    let calls = 0;
    const failing = Object.create(espeak) as LocalTextToSpeech;
    failing.speak = async function* (text, options) {
      calls += 1;
      let frames = 0;
      for await (const frame of espeak.speak(text, options)) {
        if (calls === 1 && ++frames === 2) throw new Error("the engine went away");
        yield frame;
      }
    };
    failing.close = () => Promise.resolve();
    const cache = new ReplyAudioCache(failing);
    const results = await Promise.allSettled([collect(cache.speak("Hello there.")), collect(cache.speak("Hello there."))]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(calls).toBe(1);
    expect((await collect(cache.speak("Hello there."))).length).toBeGreaterThan(0);
    expect(calls).toBe(2);
    await cache.close();
  });
});
