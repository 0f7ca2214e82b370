import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { FRAME_SAMPLES } from "../audio/pcm";
import { SpeechApiError } from "../speech-api-request";
import { DeepgramSpeechToText } from "./deepgram-stt";

/**
 * A local server speaking Deepgram's documented live API (the vendor cannot be reached from here): a WebSocket at
 * `/v1/listen` that wants `Authorization: Token <key>` (else 401 with a `dg-error` header), takes binary linear16
 * audio, sends an interim `Results` every quarter second of audio and a final one for each second, and on
 * `{ "type": "CloseStream" }` finalizes the rest, sends `Metadata` and closes.
 */
const KEY = "dg-test-key";
const WORDS = ["i'd", "like", "to", "book", "an", "appointment", "for", "tuesday"];
let server: Server;
let baseUrl: string;
const streams: Array<{ query: URLSearchParams; bytes: number }> = [];

beforeAll(async () => {
  server = createServer();
  const sockets = new WebSocketServer({ noServer: true });
  server.on("upgrade", (request, socket, head) => {
    if (request.headers.authorization !== `Token ${KEY}`) {
      socket.end("HTTP/1.1 401 Unauthorized\r\ndg-error: Invalid credentials.\r\nconnection: close\r\n\r\n");
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const stream = { query: new URL(request.url ?? "", "http://local").searchParams, bytes: 0 };
      streams.push(stream);
      let spoken = 0;
      let finalized = 0;
      const results = (isFinal: boolean, words: string[]) =>
        ws.send(
          JSON.stringify({
            type: "Results",
            is_final: isFinal,
            speech_final: isFinal,
            channel: { alternatives: [{ transcript: words.join(" "), confidence: 0.9 }] },
          }),
        );
      ws.on("message", (data, isBinary) => {
        if (isBinary) {
          stream.bytes += (data as Buffer).length;
          // One word heard per quarter second of audio (8,000 bytes), finalized a second at a time.
          const heard = Math.min(WORDS.length, Math.floor(stream.bytes / 8000));
          if (heard > spoken) {
            spoken = heard;
            if (spoken - finalized >= 4) {
              results(true, WORDS.slice(finalized, spoken));
              finalized = spoken;
            } else results(false, WORDS.slice(finalized, spoken));
          }
          return;
        }
        if ((JSON.parse(data.toString()) as { type: string }).type === "CloseStream") {
          if (spoken > finalized) results(true, WORDS.slice(finalized, spoken));
          ws.send(JSON.stringify({ type: "Metadata", request_id: "local", duration: stream.bytes / 32000, channels: 1 }));
          ws.close(1000);
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const frame = new Uint8Array(FRAME_SAMPLES * 2);

describe("Deepgram speech to text", () => {
  it("streams the audio, hands back interim results as partials, and finishes with the finalized transcript", async () => {
    streams.length = 0;
    const stt = new DeepgramSpeechToText({ baseUrl, apiKey: KEY, model: "nova-3" });
    const stream = await stt.listen({ expectedPhrases: ["book an appointment", "cancel"] });
    const partials: string[] = [];
    for (let n = 0; n < 100; n++) {
      const partial = await stream.feed(frame);
      if (partial) partials.push(partial.text);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const result = await stream.finish();

    expect(result).toEqual({ text: "i'd like to book an appointment for tuesday", final: true, matchedPhrases: ["book an appointment"] });
    expect(partials.length).toBeGreaterThan(2);
    // Each partial is the utterance so far: finalized segments, then the interim one.
    for (const partial of partials) expect(result.text.startsWith(partial)).toBe(true);
    expect(partials).toContain("i'd like to book an appointment");
    expect(streams[0]!.bytes).toBe(100 * FRAME_SAMPLES * 2);
    expect(Object.fromEntries(streams[0]!.query)).toMatchObject({
      model: "nova-3",
      encoding: "linear16",
      sample_rate: "16000",
      channels: "1",
      interim_results: "true",
      language: "en",
    });
    expect(streams[0]!.query.getAll("keyterm")).toEqual(["book an appointment", "cancel"]);
  });

  it("says why it could not listen: a refused key in the server's words, a server that is not there", async () => {
    const refused = new DeepgramSpeechToText({ baseUrl, apiKey: "wrong", model: "nova-3" });
    const failure = await refused.listen().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SpeechApiError);
    expect((failure as Error).message).toBe(`The speech API at ${baseUrl} answered 401: Invalid credentials.`);

    const absent = new DeepgramSpeechToText({ baseUrl: "ws://127.0.0.1:1", apiKey: KEY, model: "nova-3" });
    await expect(absent.listen()).rejects.toMatchObject({ status: 0, message: expect.stringContaining("could not be reached") });
  });

  it("refuses audio it cannot stream and ends once; a cancelled listen closes its stream", async () => {
    const stt = new DeepgramSpeechToText({ baseUrl, apiKey: KEY, model: "nova-3" });
    await expect(stt.listen({ sampleRate: 8000 })).rejects.toMatchObject({ problem: "sample-rate" });
    const stream = await stt.listen();
    await expect(stream.feed(new Uint8Array(3))).rejects.toMatchObject({ problem: "odd-length" });
    await stream.cancel();
    await expect(stream.feed(frame)).rejects.toMatchObject({ problem: "closed" });
  });
});
