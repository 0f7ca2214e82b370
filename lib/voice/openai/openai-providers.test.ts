import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FRAME_SAMPLES, SAMPLE_RATE } from "../audio/pcm";
import {
  openAiSpeechServer,
  type OpenAiSpeechServer,
  type SpeechRequest,
  type TranscriptionRequest,
} from "../../testing/openai-speech-server";
import { synthesisUnits } from "../text-to-speech";
import { VoiceInputError } from "../voice-errors";
import { SpeechApiError } from "../speech-api-request";
import { OpenAiSpeechToText } from "./openai-stt";
import { OpenAiTextToSpeech } from "./openai-tts";

/** The local OpenAI-compatible server (lib/testing/openai-speech-server.ts): no vendor can be reached from here. */
let server: OpenAiSpeechServer;
let baseUrl: string;
let KEY: string;
let speechRequests: SpeechRequest[];
let transcriptionRequests: TranscriptionRequest[];

beforeAll(async () => {
  server = await openAiSpeechServer();
  ({ baseUrl, key: KEY, speechRequests, transcriptionRequests } = server);
});

afterAll(() => server.close());

const collect = async (frames: AsyncIterable<Int16Array>) => {
  const all: Int16Array[] = [];
  for await (const frame of frames) all.push(frame);
  return all;
};

describe("an OpenAI-compatible text to speech", () => {
  it("asks for each clause and sentence in turn and yields their audio as 16 kHz frames", async () => {
    speechRequests.length = 0;
    const tts = new OpenAiTextToSpeech({ baseUrl, apiKey: KEY, model: "tts-1", voice: "alloy" });
    const text = "Thanks for calling the clinic, how can I help? We are open until six.";
    const frames = await collect(tts.speak(text, { rate: 1.25 }));

    expect(speechRequests.map((request) => request.body.input)).toEqual(synthesisUnits(text));
    expect(speechRequests[0]!.body).toMatchObject({ model: "tts-1", voice: "alloy", response_format: "pcm", speed: 1.25 });
    expect(frames.every((frame) => frame.length === FRAME_SAMPLES)).toBe(true);
    // Each unit's 24 kHz audio is 2/3 as many samples at 16 kHz, its last frame padded with silence.
    const expected = speechRequests.reduce(
      (sum, request) => sum + Math.ceil(Math.floor((request.samples * SAMPLE_RATE) / 24_000) / FRAME_SAMPLES),
      0,
    );
    expect(frames.length).toBe(expected);
  });

  it("stops asking once the reply is interrupted", async () => {
    speechRequests.length = 0;
    const tts = new OpenAiTextToSpeech({ baseUrl, apiKey: KEY, model: "tts-1", voice: "alloy" });
    const stop = new AbortController();
    let frames = 0;
    for await (const frame of tts.speak("First sentence here. Second sentence here. Third one.", { signal: stop.signal })) {
      void frame;
      frames += 1;
      stop.abort();
    }
    expect(frames).toBe(1);
    expect(speechRequests).toHaveLength(1);
  });

  it("says why it could not speak: a refused key in the server's words, a server that is not there", async () => {
    const refused = new OpenAiTextToSpeech({ baseUrl, apiKey: "wrong", model: "tts-1", voice: "alloy" });
    const failure = await collect(refused.speak("Hello.")).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SpeechApiError);
    expect((failure as SpeechApiError).status).toBe(401);
    expect((failure as Error).message).toBe(`The speech API at ${baseUrl} answered 401: Incorrect API key provided`);

    const absent = new OpenAiTextToSpeech({ baseUrl: "http://127.0.0.1:1/v1", model: "tts-1", voice: "alloy" });
    const unreachable = await collect(absent.speak("Hello.")).catch((error: unknown) => error);
    expect(unreachable).toMatchObject({ status: 0, message: expect.stringContaining("could not be reached") });
  });
});

describe("an OpenAI-compatible speech to text", () => {
  it("sends the utterance as one 16 kHz WAV with the expected phrases as its prompt, and finds them in the transcript", async () => {
    transcriptionRequests.length = 0;
    server.transcript = "I'd like to book an appointment for Tuesday";
    const stt = new OpenAiSpeechToText({ baseUrl, apiKey: KEY, model: "whisper-1" });
    const stream = await stt.listen({ expectedPhrases: ["book an appointment", "cancel"] });
    const frame = new Uint8Array(FRAME_SAMPLES * 2);
    for (let n = 0; n < 50; n++) expect(await stream.feed(frame)).toBeNull();
    const result = await stream.finish();

    expect(result).toEqual({ text: server.transcript, final: true, matchedPhrases: ["book an appointment"] });
    expect(transcriptionRequests).toEqual([
      {
        fields: { model: "whisper-1", language: "en", response_format: "json", prompt: "book an appointment, cancel" },
        sampleRate: SAMPLE_RATE,
        samples: 50 * FRAME_SAMPLES,
      },
    ]);
  });

  it("refuses audio it cannot send, asks nothing for an empty utterance, and ends once", async () => {
    transcriptionRequests.length = 0;
    const stt = new OpenAiSpeechToText({ baseUrl, apiKey: KEY, model: "whisper-1" });
    await expect(stt.listen({ sampleRate: 8000 })).rejects.toBeInstanceOf(VoiceInputError);
    const stream = await stt.listen();
    await expect(stream.feed(new Uint8Array(3))).rejects.toMatchObject({ problem: "odd-length" });
    expect(await stream.finish()).toEqual({ text: "", final: true, matchedPhrases: [] });
    await expect(stream.feed(new Uint8Array(2))).rejects.toMatchObject({ problem: "closed" });
    expect(transcriptionRequests).toHaveLength(0);
  });
});
