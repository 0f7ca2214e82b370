import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { concatSamples, FRAME_SAMPLES } from "../audio/pcm";
import { SpeechApiError } from "../speech-api-request";
import { ElevenLabsTextToSpeech } from "./elevenlabs-tts";

/**
 * A local server speaking ElevenLabs' documented streaming endpoint (the vendor cannot be reached from here):
 * `POST /v1/text-to-speech/{voice_id}/stream?output_format=pcm_16000` with the `xi-api-key` header and
 * `{ text, model_id }`, answering raw 16 kHz PCM16 (a ramp, so the order of samples can be checked) in odd-sized
 * chunks, one every few ms; a wrong key gets ElevenLabs' error shape `{ detail: { status, message } }`.
 */
const KEY = "xi-test-key";
const requests: Array<{ url: string; body: Record<string, unknown> }> = [];
let chunksSent = 0;
let server: Server;
let baseUrl: string;
const SAMPLES = 16_000; // one second

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.headers["xi-api-key"] !== KEY) {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ detail: { status: "invalid_api_key", message: "Invalid API key" } }));
      return;
    }
    requests.push({ url: request.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> });
    const pcm = Buffer.alloc(SAMPLES * 2);
    for (let n = 0; n < SAMPLES; n++) pcm.writeInt16LE(n % 30_000, n * 2);
    response.writeHead(200, { "content-type": "audio/pcm" });
    chunksSent = 0;
    for (let at = 0; at < pcm.length && !response.destroyed; at += 999) {
      response.write(pcm.subarray(at, at + 999));
      chunksSent += 1;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("ElevenLabs text to speech", () => {
  it("streams the reply's 16 kHz audio as 20 ms frames, every sample in order across odd chunk boundaries", async () => {
    requests.length = 0;
    const tts = new ElevenLabsTextToSpeech({ baseUrl, apiKey: KEY, voiceId: "voice 1", modelId: "eleven_flash_v2_5" });
    const frames: Int16Array[] = [];
    for await (const frame of tts.speak("Thanks for calling. How can I help?", { rate: 1.1 })) frames.push(frame);

    expect(requests).toEqual([
      {
        url: "/v1/text-to-speech/voice%201/stream?output_format=pcm_16000",
        body: { text: "Thanks for calling. How can I help?", model_id: "eleven_flash_v2_5", voice_settings: { speed: 1.1 } },
      },
    ]);
    expect(frames.every((frame) => frame.length === FRAME_SAMPLES)).toBe(true);
    const samples = concatSamples(frames);
    expect(samples.length).toBe(Math.ceil(SAMPLES / FRAME_SAMPLES) * FRAME_SAMPLES);
    for (let n = 0; n < SAMPLES; n++) if (samples[n] !== n % 30_000) throw new Error(`sample ${n} is ${samples[n]}`);
  });

  it("stops at the next frame when interrupted and closes the stream", async () => {
    const tts = new ElevenLabsTextToSpeech({ baseUrl, apiKey: KEY, voiceId: "v", modelId: "m" });
    const stop = new AbortController();
    let frames = 0;
    for await (const frame of tts.speak("A long reply.", { signal: stop.signal })) {
      void frame;
      frames += 1;
      if (frames === 3) stop.abort();
    }
    expect(frames).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The server saw the connection close long before its 33 chunks were out.
    expect(chunksSent).toBeLessThan(20);
  });

  it("says why it could not speak, in ElevenLabs' words", async () => {
    const tts = new ElevenLabsTextToSpeech({ baseUrl, apiKey: "wrong", voiceId: "v", modelId: "m" });
    const failure = await (async () => {
      for await (const frame of tts.speak("Hello.")) void frame;
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SpeechApiError);
    expect((failure as Error).message).toBe(`The speech API at ${baseUrl} answered 401: Invalid API key`);
  });
});
