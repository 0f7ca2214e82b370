import { echoBot } from "../../testing/echo-bot";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowGraph } from "../../flow/schema";
import { bargeInFlow } from "../../testing/barge-in-flow";
import { flowTemplates } from "../../flow/samples";
import { VoiceTestClient } from "../../testing/voice-client";
import { LocalTextToSpeech } from "../../voice/piper/local-tts";
import { PocketsphinxSpeechToText } from "../../voice/pocketsphinx/pocketsphinx-stt";
import { SileroVoiceActivityDetector } from "../../voice/silero/silero-vad";
import { concatSamples } from "../../voice/audio/pcm";
import { speakToPcm } from "../../voice/spoken-audio";
import { compileFlow } from "../compile-flow";
import { flowHandler } from "../flow-handler";
import { RuntimeEvents, type SessionEvent } from "../session-events";
import { SessionRegistry } from "../session-registry";
import { SessionOpenError, SessionRunner } from "../session-runner";
import { attachSocketRuntime } from "./socketio";

/*
 * Voice over Socket.IO with the real engines: Piper speaks the caller's lines, a socket.io-client streams them in real
 * time in 20 ms frames, Silero finds the turns, pocketsphinx transcribes them (narrowed to the Listen's phrases), the
 * flow answers in Piper audio. Needs the Debian packages and `npm run voices:fetch`, as `npm test` installs them.
 */
const at = { x: 0, y: 0 };

/** start → End with a goodbye. */
const goodbyeFlow: FlowGraph = {
  schemaVersion: 1,
  nodes: [
    { id: "start", kind: "start", position: at, data: {} },
    { id: "bye", kind: "end", position: at, data: { goodbye: "Thanks for calling. Goodbye!", reason: "completed" } },
  ],
  edges: [{ id: "e1", source: "start", sourcePort: "next", target: "bye" }],
};

const flows: Record<string, FlowGraph> = {
  booking: flowTemplates[0]!.graph(),
  "barge-in": bargeInFlow,
  goodbye: goodbyeFlow,
};

let http: HttpServer;
let url: string;
let tts: LocalTextToSpeech;
let stt: PocketsphinxSpeechToText;
let vad: SileroVoiceActivityDetector;
const log = new Map<string, SessionEvent[]>();
const registry = new SessionRegistry();

beforeAll(async () => {
  tts = new LocalTextToSpeech({ threads: 1, steady: true }); // the same audio every run: speech-engines.test.ts says why
  stt = new PocketsphinxSpeechToText({ threads: 1 });
  vad = new SileroVoiceActivityDetector({ threads: 1 });
  expect(tts.voice).toBe("piper");
  await speakToPcm(tts, "Ready."); // loads the voice (~2 s) outside the timed tests
  const events = new RuntimeEvents();
  events.subscribe((sessionId, event) => log.set(sessionId, [...(log.get(sessionId) ?? []), event]));
  const runner = new SessionRunner({
    events,
    registry,
    limits: { playoutMarginMs: 500 },
    open: async ({ token }) => {
      if (token === "echo") return { source: { kind: "code", name: "echo" }, handler: echoBot };
      const graph = token === undefined ? undefined : flows[token];
      if (!graph) throw new SessionOpenError("flow_not_found", "No such test flow");
      const compiled = compileFlow(graph);
      return { source: { kind: "code", name: token! }, handler: flowHandler(compiled), listens: compiled.listens };
    },
  });
  http = createServer();
  attachSocketRuntime(new Server(http), runner, { voice: { engines: { stt, tts, vad } } });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}, 30_000);

afterAll(async () => {
  await new Promise((resolve) => http?.close(resolve));
  await Promise.all([tts?.close(), stt?.close(), vad?.close()]);
});

const sessionIdOf = async (client: VoiceTestClient) =>
  ((await client.waitFor((e) => e.event === "session")).data as { sessionId: string }).sessionId;
const entered = (client: VoiceTestClient, nodeId: string) =>
  client.waitFor(
    (e) =>
      e.event === "trace" &&
      (e.data as { type: string; nodeId?: string }).type === "node.entered" &&
      (e.data as { nodeId?: string }).nodeId === nodeId,
  );

describe("voice over Socket.IO, real engines", () => {
  it("takes the booking branch from spoken audio, answers in audio, and closes right after the goodbye's playout mark", async () => {
    const client = new VoiceTestClient(url, { token: "booking", trace: true });
    await client.replyPlayed("greet");
    await client.speak(await speakToPcm(tts, "I would like to book an appointment please."));
    await entered(client, "ask-name");
    await client.replyPlayed("ask-name");
    await client.speak(await speakToPcm(tts, "My name is John Smith."));
    const end = await client.waitFor((e) => e.event === "end", 30_000);
    expect(end.data).toEqual({ reason: "booked" });
    const disconnect = await client.waitFor((e) => e.event === "disconnect");

    const goodbye = client.replies.find((reply) => reply.goodbye)!;
    expect(goodbye.text).toBe("See you then. Goodbye!");
    expect(goodbye.durationMs).toBeGreaterThan(500);
    // Every frame of the goodbye arrived before the disconnect, and the disconnect followed the mark at once.
    expect(goodbye.frames * 20).toBe(goodbye.durationMs);
    expect(goodbye.markedAt).toBeDefined();
    expect(disconnect.at - goodbye.markedAt!).toBeLessThan(50);
    expect(disconnect.at).toBeGreaterThan(goodbye.markedAt!);

    const transcripts = client.events.filter((e) => e.event === "transcript" && (e.data as { final: boolean }).final);
    expect(transcripts.length).toBe(2);
    const events = log.get(await sessionIdOf(client))!;
    const types = events.map((event) => event.type);
    expect(types).toContain("speech.started");
    expect(types).toContain("speech.ended");
    expect(events.filter((event) => event.type === "utterance")[0]).toMatchObject({ text: expect.stringMatching(/book|appointment/) });
    expect(
      events.filter((event) => event.type === "reply.delivered").map((event) => event.type === "reply.delivered" && event.outcome),
    ).toEqual(["played", "played", "played", "played"]);
  }, 60_000);

  it("takes back an answer given at a comma when the caller goes on, and takes the branch of the whole sentence", async () => {
    const client = new VoiceTestClient(url, { token: "booking", trace: true });
    await client.replyPlayed("greet");
    // "No," alone is the decline branch, answered at the comma's pause; the whole sentence books (its first branch).
    const line = await speakToPcm(tts, "No, I'd like to book an appointment.");
    await client.speak(line);
    await entered(client, "ask-name");
    const events = log.get(await sessionIdOf(client))!;
    const types = events.map((event) => event.type);
    expect(types).toContain("utterance.retracted");
    expect(events.filter((event) => event.type === "utterance").at(-1)).toMatchObject({
      text: expect.stringMatching(/\bno\b.*(book|appointment)/),
    });
    // The decline's goodbye waited for the answer to be final, so it was never said.
    expect(client.replies.map((reply) => reply.text)).not.toContain("No problem. Have a nice day!");
    client.close();
  }, 30_000);

  it("takes the booking branch from a line said over loud white noise (the recogniser denoises a noisy line)", async () => {
    const client = new VoiceTestClient(url, { token: "booking", trace: true });
    await client.replyPlayed("greet");
    const line = await speakToPcm(tts, "I would like to book an appointment please.");
    // A noisy line is noisy all the time: before the caller speaks (what the recogniser judges the line by), under the
    // words (10 dB below them), and after.
    const speechRms = Math.sqrt(line.reduce((sum, sample) => sum + sample * sample, 0) / line.length);
    const quiet = new Int16Array(Math.round(0.6 * 16_000));
    const call = concatSamples([quiet, line, quiet, quiet]);
    let seed = 3;
    const uniform = () => ((seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) || 1) / 2 ** 32;
    const noisy = call.map(
      (sample) => sample + (speechRms / 3.16) * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()),
    );
    await client.speak(noisy, { silenceBeforeMs: 0, silenceAfterMs: 0 });
    await entered(client, "ask-name");
    const events = log.get(await sessionIdOf(client))!;
    expect(events.filter((event) => event.type === "utterance")[0]).toMatchObject({ text: expect.stringMatching(/book.*appointment/) });
    client.close();
  }, 30_000);

  it("runs a code-defined bot by voice, free-form", async () => {
    const client = new VoiceTestClient(url, { token: "echo" });
    await client.waitFor((e) => e.event === "audio.end");
    await client.speak(await speakToPcm(tts, "Good morning."));
    const echoed = await client.waitFor((e) => e.event === "reply" && (e.data as { text: string }).text.startsWith("You said:"), 20_000);
    expect((echoed.data as { text: string }).text).toMatch(/morning/);
    await client.waitFor(
      (e) => e.event === "audio.end" && (e.data as { replyId: string }).replyId === (echoed.data as { replyId: string }).replyId,
    );
    await client.speak(await speakToPcm(tts, "Bye bye."));
    expect((await client.waitFor((e) => e.event === "end", 20_000)).data).toEqual({ reason: "completed" });
  }, 60_000);

  it("cuts an interruptible reply short when the caller speaks over it, tells the client to clear, and logs `interrupted`", async () => {
    const client = new VoiceTestClient(url, { token: "barge-in", trace: true }, { sendMarks: false });
    const menu = await client.waitFor((e) => e.event === "reply" && (e.data as { nodeId?: string }).nodeId === "menu");
    // The caller answers while the menu is still playing (it is ~10 s long; the client never marks it played).
    await new Promise((resolve) => setTimeout(resolve, 500));
    await client.speak(await speakToPcm(tts, "Yes."), { silenceAfterMs: 1_000 });
    await client.waitFor(
      (e) => e.event === "clear" && (e.data as { replyId: string }).replyId === (menu.data as { replyId: string }).replyId,
    );
    const goodbye = await client.waitFor((e) => e.event === "reply" && (e.data as { goodbye?: true }).goodbye === true, 20_000);
    expect(goodbye.data).toMatchObject({ text: "Booked." });
    await client.waitFor((e) => e.event === "audio.end");
    client.mark(client.replies.at(-1)!);
    expect((await client.waitFor((e) => e.event === "end")).data).toEqual({ reason: "booked" });
    const events = log.get(await sessionIdOf(client))!;
    const delivered = events.find((event) => event.type === "reply.delivered");
    expect(delivered).toMatchObject({ outcome: "interrupted", nodeId: "menu" });
    expect(delivered?.type === "reply.delivered" && delivered.playbackPositionMs).toBeLessThan(5_000);
  }, 60_000);

  it("ends a client that never sends the playout mark within the goodbye's length plus the margin", async () => {
    const client = new VoiceTestClient(url, { token: "goodbye" }, { sendMarks: false });
    const sent = await client.waitFor((e) => e.event === "audio.end");
    const end = await client.waitFor((e) => e.event === "end", 10_000);
    expect(end.data).toEqual({ reason: "completed" });
    const goodbye = client.replies.find((reply) => reply.goodbye)!;
    expect(goodbye.frames * 20).toBe(goodbye.durationMs);
    // The wait began when the goodbye was handed over, before its length was known: length + margin (500 ms) from then.
    expect(end.at - sent.at).toBeLessThan(goodbye.durationMs! + 500);
    const events = log.get(await sessionIdOf(client))!;
    expect(events.find((event) => event.type === "reply.delivered")).toMatchObject({ outcome: "timed_out", goodbye: true });
    await client.waitFor((e) => e.event === "disconnect");
  }, 30_000);

  it("ends a call whose caller hangs up mid-sentence as a hang-up, leaving no session behind", async () => {
    const client = new VoiceTestClient(url, { token: "barge-in", trace: true });
    const sessionId = await sessionIdOf(client);
    await client.replyPlayed("menu");
    const speaking = client.speak(await speakToPcm(tts, "Yes I would like to book an appointment for next Tuesday."));
    await client.waitFor((e) => e.event === "trace" && (e.data as { type: string }).type === "speech.started");
    client.close();
    await speaking;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(log.get(sessionId)?.at(-1)).toMatchObject({ type: "session.ended", reason: "hangup" });
    expect(registry.size).toBe(0);
  }, 30_000);

  it("takes the listen's timeout port after ten seconds of silence", async () => {
    const client = new VoiceTestClient(url, { token: "barge-in", trace: true });
    await client.replyPlayed("menu");
    await client.speak(new Int16Array(0), { silenceBeforeMs: 0, silenceAfterMs: 11_000 });
    expect((await client.waitFor((e) => e.event === "end", 10_000)).data).toEqual({ reason: "silence" });
  }, 40_000);
});

describe("voice handshake and malformed audio", () => {
  it("refuses a declared sample rate other than 16000 at the handshake, with a code", async () => {
    const client = new VoiceTestClient(url, { token: "booking", audio: { sampleRate: 8_000, encoding: "pcm16" } });
    const refusal = await client.waitFor((e) => e.event === "connect_error");
    expect(refusal.data).toMatchObject({ code: "audio_unsupported", message: expect.stringContaining("16000") });
    client.close();
  });

  it("answers wrong-sized, odd-length and non-binary frames with a short error and goes on; random bytes are just noise", async () => {
    const client = new VoiceTestClient(url, { token: "goodbye" }, { sendMarks: false });
    await client.waitFor((e) => e.event === "session");
    client.socket.emit("audio", Buffer.alloc(641));
    client.socket.emit("audio", Buffer.alloc(320));
    client.socket.emit("audio", "not audio");
    client.socket.emit("audio", { bytes: [1, 2] });
    client.socket.emit("playout", { replyId: "nope" });
    for (let i = 0; i < 25; i += 1) client.socket.emit("audio", Buffer.from(crypto.getRandomValues(new Uint8Array(640))));
    const errors = () => client.events.filter((e) => e.event === "error").map((e) => e.data as { code: string; message: string });
    await client.waitFor(() => errors().length >= 5);
    expect(errors().map((error) => error.code)).toEqual([
      "audio_frame_size",
      "audio_frame_size",
      "audio_invalid",
      "audio_invalid",
      "unknown_reply",
    ]);
    expect(errors()[0]!.message).toContain("odd length");
    for (const error of errors()) expect(error.message.length).toBeLessThanOrEqual(200);
    expect((await client.waitFor((e) => e.event === "end", 10_000)).data).toEqual({ reason: "completed" });
  }, 30_000);
});
