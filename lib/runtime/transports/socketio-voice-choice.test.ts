import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowGraphSchema, type FlowGraph } from "../../flow/schema";
import { openAiSpeechServer, type OpenAiSpeechServer } from "../../testing/openai-speech-server";
import { VoiceTestClient } from "../../testing/voice-client";
import { LocalTextToSpeech } from "../../voice/piper/local-tts";
import { PocketsphinxSpeechToText } from "../../voice/pocketsphinx/pocketsphinx-stt";
import { SileroVoiceActivityDetector } from "../../voice/silero/silero-vad";
import { speakToPcm } from "../../voice/spoken-audio";
import { voiceProviderConfig } from "../../voice/voice-provider-config";
import { VoiceProviders } from "../../voice/voice-providers";
import { compileFlow } from "../compile-flow";
import { flowHandler } from "../flow-handler";
import { RuntimeEvents } from "../session-events";
import { SessionRegistry } from "../session-registry";
import { SessionOpenError, SessionRunner } from "../session-runner";
import { attachSocketRuntime } from "./socketio";

/*
 * Voices and providers chosen by the flow, over Socket.IO with the real offline engines, and an OpenAI-compatible
 * provider configured as a server would be (OPENAI_BASE_URL, OPENAI_API_KEY) but pointed at a local server that speaks
 * that API (no vendor can be reached from here). Which voice speaks is what the engine reports (`reply.voice`).
 */
const at = { x: 0, y: 0 };

/** start → a Say in eSpeak's voice → a Say that names none → End. */
const espeakFlow = flowGraphSchema.parse({
  schemaVersion: 1,
  nodes: [
    { id: "start", kind: "start", position: at, data: {} },
    { id: "robot", kind: "say", position: at, data: { text: "Hello from the robot.", voice: "espeak:en-us", rate: 1.2 } },
    { id: "plain", kind: "say", position: at, data: { text: "And hello from Joe." } },
    { id: "bye", kind: "end", position: at, data: { goodbye: "Goodbye.", reason: "completed" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "robot" },
    { id: "e2", source: "robot", sourcePort: "next", target: "plain" },
    { id: "e3", source: "plain", sourcePort: "next", target: "bye" },
  ],
});

/** A flow that hears and speaks through the OpenAI-compatible provider: Say → Listen (yes) → End. */
const openAiFlow = flowGraphSchema.parse({
  schemaVersion: 1,
  voice: { speechToText: "openai", textToSpeech: "openai" },
  nodes: [
    { id: "start", kind: "start", position: at, data: {} },
    { id: "ask", kind: "say", position: at, data: { text: "Shall I book it?" } },
    { id: "hear", kind: "listen", position: at, data: { timeoutSeconds: 10, expectedPhrases: ["please"] } },
    { id: "intent", kind: "branch", position: at, data: { conditions: [{ id: "yes", match: { type: "phrases", phrases: ["yes"] } }] } },
    { id: "booked", kind: "end", position: at, data: { goodbye: "Booked.", reason: "booked" } },
    { id: "other", kind: "end", position: at, data: { goodbye: "Bye.", reason: "other" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "ask" },
    { id: "e2", source: "ask", sourcePort: "next", target: "hear" },
    { id: "e3", source: "hear", sourcePort: "heard", target: "intent" },
    { id: "e4", source: "intent", sourcePort: "yes", target: "booked" },
    { id: "e5", source: "intent", sourcePort: "else", target: "other" },
  ],
});

/** The same flow asking for Deepgram and ElevenLabs, which this server has no keys for. */
const unconfiguredFlow: FlowGraph = { ...espeakFlow, voice: { speechToText: "deepgram", textToSpeech: "elevenlabs" } };

const flows: Record<string, FlowGraph> = { espeak: espeakFlow, openai: openAiFlow, unconfigured: unconfiguredFlow };

let http: HttpServer;
let url: string;
let tts: LocalTextToSpeech;
let stt: PocketsphinxSpeechToText;
let vad: SileroVoiceActivityDetector;
let openAi: OpenAiSpeechServer;

beforeAll(async () => {
  tts = new LocalTextToSpeech({ threads: 1, steady: true }); // the same audio every run: speech-engines.test.ts says why
  stt = new PocketsphinxSpeechToText({ threads: 1 });
  vad = new SileroVoiceActivityDetector({ threads: 1 });
  expect(tts.voice).toBe("piper");
  await speakToPcm(tts, "Ready."); // loads the voice (~2 s) outside the timed tests
  openAi = await openAiSpeechServer();
  const providers = new VoiceProviders(
    { stt, tts, vad },
    voiceProviderConfig({ OPENAI_BASE_URL: openAi.baseUrl, OPENAI_API_KEY: openAi.key, OPENAI_TTS_MODEL: "tts-1" }),
  );
  const runner = new SessionRunner({
    events: new RuntimeEvents(),
    registry: new SessionRegistry(),
    limits: { playoutMarginMs: 500 },
    open: async ({ token }) => {
      const graph = token === undefined ? undefined : flows[token];
      if (!graph) throw new SessionOpenError("flow_not_found", "No such test flow");
      const compiled = compileFlow(graph);
      return {
        source: { kind: "code", name: token! },
        handler: flowHandler(compiled),
        listens: compiled.listens,
        voicePlan: compiled.voicePlan,
      };
    },
  });
  http = createServer();
  attachSocketRuntime(new Server(http), runner, { voice: { engines: { stt, tts, vad }, providers } });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}, 30_000);

afterAll(async () => {
  await new Promise((resolve) => http?.close(resolve));
  await openAi?.close();
  await Promise.all([tts?.close(), stt?.close(), vad?.close()]);
});

const ended = (client: VoiceTestClient) => client.waitFor((e) => e.event === "end", 30_000);

describe("voices and providers chosen by the flow", () => {
  it("speaks a Say that picks eSpeak in eSpeak's voice, and the Says that pick none in the server's default voice", async () => {
    const requestsBefore = openAi.speechRequests.length;
    const client = new VoiceTestClient(url, { token: "espeak" });
    expect((await ended(client)).data).toEqual({ reason: "completed" });
    expect(client.replies.map(({ text, voice }) => ({ text, voice }))).toEqual([
      { text: "Hello from the robot.", voice: "espeak:en-us" },
      { text: "And hello from Joe.", voice: "piper:en_US-joe-medium" },
      { text: "Goodbye.", voice: "piper:en_US-joe-medium" },
    ]);
    expect(client.replies.every((reply) => reply.frames > 0 && reply.frames * 20 === reply.durationMs)).toBe(true);
    // This flow names no cloud provider: the OpenAI-compatible server, configured on this server, was not asked.
    expect(openAi.speechRequests.length).toBe(requestsBefore);
  }, 60_000);

  it("hears and speaks a flow whose default provider is the OpenAI-compatible one through it, and only that flow", async () => {
    openAi.speechRequests.length = 0;
    openAi.transcriptionRequests.length = 0;
    openAi.transcript = "Yes please.";
    const client = new VoiceTestClient(url, { token: "openai" });
    await client.replyPlayed("ask");
    await client.speak(await speakToPcm(tts, "Yes please."));
    expect((await ended(client)).data).toEqual({ reason: "booked" });

    expect(client.replies.map(({ text, voice }) => ({ text, voice }))).toEqual([
      { text: "Shall I book it?", voice: "openai:alloy" },
      { text: "Booked.", voice: "openai:alloy" },
    ]);
    expect(openAi.speechRequests.map((request) => request.body)).toEqual([
      { model: "tts-1", voice: "alloy", input: "Shall I book it?", response_format: "pcm" },
      { model: "tts-1", voice: "alloy", input: "Booked.", response_format: "pcm" },
    ]);
    // The turn went to the OpenAI-compatible recogniser, with the Branch's and the Listen's own phrases as its prompt.
    expect(openAi.transcriptionRequests).toHaveLength(1);
    expect(openAi.transcriptionRequests[0]!.fields).toMatchObject({ language: "en", prompt: "yes, please" });
    expect(openAi.transcriptionRequests[0]!.sampleRate).toBe(16_000);

    // Another flow on the same server still speaks offline.
    const other = new VoiceTestClient(url, { token: "espeak" });
    await ended(other);
    expect(other.replies.at(-1)?.voice).toBe("piper:en_US-joe-medium");
    expect(openAi.speechRequests).toHaveLength(2);
  }, 60_000);

  it("goes on offline when the flow names providers this server has no keys for", async () => {
    const client = new VoiceTestClient(url, { token: "unconfigured" });
    expect((await ended(client)).data).toEqual({ reason: "completed" });
    expect(client.replies.map((reply) => reply.voice)).toEqual(["espeak:en-us", "piper:en_US-joe-medium", "piper:en_US-joe-medium"]);
  }, 60_000);
});
