import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { FlowGraph } from "../../flow/schema";
import { bargeInFlow } from "../../testing/barge-in-flow";
import { flowTemplates } from "../../flow/samples";
import { mintCallerToken, verifyLiveKitToken } from "../../auth/livekit-token";
import { LiveKitTestCaller } from "../../testing/livekit-caller";
import { startLiveKitServer, type LiveKitTestServer } from "../../testing/livekit-server";
import { LocalTextToSpeech } from "../../voice/piper/local-tts";
import { PocketsphinxSpeechToText } from "../../voice/pocketsphinx/pocketsphinx-stt";
import { SileroVoiceActivityDetector } from "../../voice/silero/silero-vad";
import { speakToPcm } from "../../voice/spoken-audio";
import type { SpeakOptions, TextToSpeech } from "../../voice/text-to-speech";
import { compileFlow } from "../compile-flow";
import { flowHandler } from "../flow-handler";
import { RuntimeEvents, type SessionEvent } from "../session-events";
import { SessionRegistry } from "../session-registry";
import { SessionOpenError, SessionRunner } from "../session-runner";
import { LiveKitRuntime } from "./livekit";

/*
 * Voice over LiveKit against a real livekit-server (built by scripts/ensure-livekit-server.sh, started on loopback
 * for this file): a Node participant joins as the caller and speaks Piper lines, the runtime's agent participant
 * hears them through the voice pipeline and answers on its audio track, and the End path deletes the room.
 */

const flows: Record<string, FlowGraph> = { booking: flowTemplates[0]!.graph(), "barge-in": bargeInFlow };

/** Piper, with a copy of every frame it made per reply text: what the caller should hear, to compare with what it did. */
class RecordingTextToSpeech implements TextToSpeech {
  readonly spoken = new Map<string, Int16Array[]>();
  constructor(private readonly inner: TextToSpeech) {}
  get name() {
    return this.inner.name;
  }
  get capabilities() {
    return this.inner.capabilities;
  }
  get voices() {
    return this.inner.voices;
  }
  voiceFor(voice: string | undefined) {
    return this.inner.voiceFor(voice);
  }
  async *speak(text: string, options?: SpeakOptions): AsyncIterable<Int16Array> {
    const frames: Int16Array[] = [];
    this.spoken.set(text, frames);
    for await (const frame of this.inner.speak(text, options)) {
      frames.push(frame);
      yield frame;
    }
  }
  close() {
    return this.inner.close();
  }
}

/** `promise`, or a failure saying what did not happen in time (rather than the whole test's timeout). */
const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms))]);

/** Frames loud enough to be speech (Piper's pauses and the line's silence are far below). */
const voicedFrames = (frames: Int16Array[]) =>
  frames.filter((frame) => Math.sqrt(frame.reduce((sum, sample) => sum + sample * sample, 0) / frame.length) > 300).length;

let server: LiveKitTestServer;
let runtime: LiveKitRuntime;
let piper: LocalTextToSpeech;
let tts: RecordingTextToSpeech;
let stt: PocketsphinxSpeechToText;
let vad: SileroVoiceActivityDetector;
const log = new Map<string, SessionEvent[]>();
const registry = new SessionRegistry();

beforeAll(async () => {
  server = await startLiveKitServer();
  piper = new LocalTextToSpeech({ threads: 1, steady: true }); // the same audio every run: speech-engines.test.ts says why
  tts = new RecordingTextToSpeech(piper);
  stt = new PocketsphinxSpeechToText({ threads: 1 });
  vad = new SileroVoiceActivityDetector({ threads: 1 });
  expect(piper.voice).toBe("piper");
  await speakToPcm(piper, "Ready."); // loads the voice (~2 s) outside the timed tests
  const events = new RuntimeEvents();
  events.subscribe((sessionId, event) => log.set(sessionId, [...(log.get(sessionId) ?? []), event]));
  const runner = new SessionRunner({
    events,
    registry,
    open: async ({ token }) => {
      const graph = token === undefined ? undefined : flows[token];
      if (!graph) throw new SessionOpenError("flow_not_found", "No such test flow");
      const compiled = compileFlow(graph);
      return { source: { kind: "code", name: token! }, handler: flowHandler(compiled), listens: compiled.listens };
    },
  });
  runtime = new LiveKitRuntime(runner, {
    config: { url: server.url, apiKey: server.apiKey, apiSecret: server.apiSecret },
    engines: { stt, tts, vad },
    joinTimeoutMs: 5_000,
  });
}, 60_000);

afterAll(async () => {
  await Promise.all([piper?.close(), stt?.close(), vad?.close()]);
  await server?.stop();
});

describe("voice over LiveKit, real livekit-server and engines", () => {
  it("takes the booking branch from spoken audio, answers on its track, plays the whole goodbye, then deletes the room", async () => {
    const call = await runtime.startCall({ token: "booking" }, { trace: true });
    const caller = new LiveKitTestCaller();
    await caller.join(call.url, call.callerToken);
    expect(await caller.waitForMessage<{ sessionId: string }>("session")).toMatchObject({ sessionId: call.sessionId });

    await caller.waitForMessage<{ replyId: string; nodeId?: string }>("reply", (reply) => reply.nodeId === "greet");
    await caller.waitFor((e) => e.event === "trace" && (e.data as { type: string }).type === "listen.started", 20_000);
    await caller.speak(await speakToPcm(piper, "I would like to book an appointment please."));
    await caller.waitFor((e) => e.event === "trace" && (e.data as { type: string; nodeId?: string }).nodeId === "hear-name", 20_000);
    await caller.speak(await speakToPcm(piper, "My name is John Smith."));

    const end = await caller.waitFor((e) => e.event === "end", 30_000);
    expect(end.data).toEqual({ reason: "booked" });
    const disconnected = await caller.waitFor((e) => e.event === "disconnected", 5_000);
    expect(await within(call.ended, 10_000, "the session did not end")).toEqual({ reason: "booked" });

    // The goodbye's audio reached the caller whole, before the end message and the room's deletion.
    const goodbye = caller.events.find((e) => e.event === "reply" && (e.data as { goodbye?: true }).goodbye === true)!;
    expect((goodbye.data as { text: string }).text).toBe("See you then. Goodbye!");
    const sent = voicedFrames(tts.spoken.get("See you then. Goodbye!")!);
    const heard = voicedFrames(caller.audioBetween(goodbye.at, disconnected.at));
    const lastVoiced = caller.received.filter((frame) => frame.at <= disconnected.at && voicedFrames([frame.samples]) === 1).at(-1)!;
    console.log(
      `goodbye: ${sent} voiced frames sent, ${heard} heard; last voiced frame → end ${Math.round(end.at - lastVoiced.at)} ms, ` +
        `end → disconnected ${Math.round(disconnected.at - end.at)} ms`,
    );
    expect(sent).toBeGreaterThan(25);
    expect(heard).toBeGreaterThanOrEqual(Math.floor(sent * 0.9));

    const transcripts = caller.events.filter((e) => e.event === "transcript" && (e.data as { final: boolean }).final);
    expect(transcripts).toHaveLength(2);
    const events = log.get(call.sessionId)!;
    expect(events.find((event) => event.type === "session.started")).toMatchObject({ meta: { transport: "livekit" } });
    expect(events.filter((event) => event.type === "utterance")[0]).toMatchObject({ text: expect.stringMatching(/book|appointment/) });
    expect(
      events.filter((event) => event.type === "reply.delivered").map((event) => event.type === "reply.delivered" && event.outcome),
    ).toEqual(["played", "played", "played", "played"]);
    expect(await runtime.rooms.listRooms()).toEqual([]);
    expect(registry.size).toBe(0);
    await caller.leave();
  }, 90_000);

  it("cuts an interruptible reply short when the caller speaks over it, clears the track, and logs `interrupted`", async () => {
    const call = await runtime.startCall({ token: "barge-in" }, { trace: true });
    const caller = new LiveKitTestCaller();
    await caller.join(call.url, call.callerToken);
    const menu = await caller.waitForMessage<{ replyId: string; nodeId?: string }>("reply", (reply) => reply.nodeId === "menu");
    // The caller answers while the ~10 s menu is still playing.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await caller.speak(await speakToPcm(piper, "Yes."), { silenceAfterMs: 1_000 });
    await caller.waitForMessage<{ replyId: string }>("clear", (clear) => clear.replyId === menu.replyId);
    const goodbye = await caller.waitForMessage<{ text: string; goodbye?: true }>("reply", (reply) => reply.goodbye === true, 20_000);
    expect(goodbye.text).toBe("Booked.");
    expect(await caller.waitForMessage("end")).toEqual({ reason: "booked" });
    await caller.waitFor((e) => e.event === "disconnected", 5_000);
    const delivered = log.get(call.sessionId)!.find((event) => event.type === "reply.delivered");
    expect(delivered).toMatchObject({ outcome: "interrupted", nodeId: "menu" });
    expect(delivered?.type === "reply.delivered" && delivered.playbackPositionMs).toBeLessThan(5_000);
    await caller.leave();
  }, 60_000);

  it("takes back an answer given at a comma when the caller goes on: the reply begun is cleared from the track", async () => {
    const call = await runtime.startCall({ token: "booking" }, { trace: true });
    const caller = new LiveKitTestCaller();
    await caller.join(call.url, call.callerToken);
    await caller.waitForMessage<{ replyId: string; nodeId?: string }>("reply", (reply) => reply.nodeId === "greet");
    await caller.waitFor((e) => e.event === "trace" && (e.data as { type: string }).type === "listen.started", 20_000);
    // "Yes please," is answered at the comma's pause (the booking branch asks for the name); the caller goes on.
    await caller.speak(await speakToPcm(piper, "Yes please, I'd like to book an appointment."));
    await caller.waitFor((e) => e.event === "trace" && (e.data as { type: string; nodeId?: string }).nodeId === "hear-name", 20_000);
    const events = log.get(call.sessionId)!;
    expect(events.map((event) => event.type)).toContain("utterance.retracted");
    expect(events.filter((event) => event.type === "utterance").at(-1)).toMatchObject({
      text: expect.stringMatching(/yes.*(book|appointment)/),
    });
    // The first "What name…" was begun for "yes please" alone: it was cut, on the track and in the log.
    const asked = caller.events.filter((e) => e.event === "reply" && (e.data as { nodeId?: string }).nodeId === "ask-name");
    expect(asked).toHaveLength(2);
    const firstAsk = (asked[0]!.data as { replyId: string }).replyId;
    await caller.waitForMessage<{ replyId: string }>("clear", (clear) => clear.replyId === firstAsk);
    expect(events.find((event) => event.type === "reply.delivered" && event.nodeId === "ask-name")).toMatchObject({
      outcome: "interrupted",
    });
    await caller.leave();
    await within(call.ended, 10_000, "the session did not end");
  }, 60_000);

  it("ends the session as a hang-up when the caller leaves mid-call, and deletes the room", async () => {
    const call = await runtime.startCall({ token: "barge-in" });
    const caller = new LiveKitTestCaller();
    await caller.join(call.url, call.callerToken);
    await caller.waitForMessage<{ nodeId?: string }>("reply", (reply) => reply.nodeId === "menu");
    await caller.leave();
    expect(await within(call.ended, 10_000, "the session did not end")).toEqual({ reason: "hangup" });
    expect(log.get(call.sessionId)?.at(-1)).toMatchObject({ type: "session.ended", reason: "hangup" });
    expect(await runtime.rooms.listRooms()).toEqual([]);
    expect(registry.size).toBe(0);
  }, 30_000);

  it("takes the hang-up path when the room is deleted from outside", async () => {
    const call = await runtime.startCall({ token: "barge-in" });
    const caller = new LiveKitTestCaller();
    await caller.join(call.url, call.callerToken);
    await caller.waitForMessage<{ nodeId?: string }>("reply", (reply) => reply.nodeId === "menu");
    await runtime.rooms.deleteRoom(call.roomName);
    expect(await within(call.ended, 10_000, "the session did not end")).toEqual({ reason: "hangup" });
    await caller.waitFor((e) => e.event === "disconnected", 5_000);
    expect(registry.size).toBe(0);
    await caller.leave();
  }, 30_000);

  it("ends a call whose caller never joins as `caller_absent`, and deletes its room", async () => {
    const call = await runtime.startCall({ token: "booking" });
    expect(await runtime.rooms.listRooms([call.roomName])).toHaveLength(1);
    expect(await within(call.ended, 10_000, "the session did not end")).toEqual({
      reason: "caller_absent",
      message: "The caller did not join within 5 s",
    });
    expect(await runtime.rooms.listRooms()).toEqual([]);
    expect(registry.size).toBe(0);
  }, 15_000);

  it("takes typed utterances on the data topic beside the voice, and answers malformed messages with an error", async () => {
    const call = await runtime.startCall({ token: "barge-in" });
    const caller = new LiveKitTestCaller();
    await caller.join(call.url, call.callerToken);
    await caller.waitForMessage("session");
    await caller.room.localParticipant!.publishData(new TextEncoder().encode("not json"), { reliable: true, topic: "switchboard" });
    await caller.send("dance");
    await caller.send("utterance", { text: 42 });
    const errors = () => caller.events.filter((e) => e.event === "error").map((e) => (e.data as { code: string }).code);
    await caller.waitFor(() => errors().length >= 3);
    expect(errors()).toEqual(["invalid_message", "unknown_event", "invalid_message"]);
    await caller.send("utterance", { text: "yes" });
    expect(await caller.waitForMessage("end", () => true, 20_000)).toEqual({ reason: "booked" });
    await caller.leave();
  }, 30_000);

  it("refuses a caller whose LiveKit token is forged or expired", async () => {
    const call = await runtime.startCall({ token: "booking" });
    const forged = await mintCallerToken(
      { apiKey: server.apiKey, apiSecret: "another-secret-of-at-least-thirty-two-chars" },
      { roomName: call.roomName, identity: call.callerIdentity },
    );
    // Expired for longer than livekit-server's leeway (a minute): minted as if five minutes ago, for one minute.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 5 * 60_000);
    const expired = await mintCallerToken(server, { roomName: call.roomName, identity: call.callerIdentity, ttlSeconds: 60 });
    vi.useRealTimers();
    await expect(verifyLiveKitToken(server, forged.token)).rejects.toThrow(/signature/);
    await expect(verifyLiveKitToken(server, expired.token)).rejects.toThrow(/exp/);
    for (const token of [forged.token, expired.token]) {
      const caller = new LiveKitTestCaller();
      await expect(caller.join(call.url, token)).rejects.toThrow();
      await caller.leave();
    }
    expect(await within(call.ended, 10_000, "the session did not end")).toEqual({
      reason: "caller_absent",
      message: "The caller did not join within 5 s",
    });
  }, 20_000);
});
