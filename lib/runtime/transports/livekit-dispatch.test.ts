import { AgentDispatchClient, RoomServiceClient } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveKitHttpUrl, type LiveKitConfig } from "../../config/livekit-config";
import { bargeInFlow } from "../../testing/barge-in-flow";
import { LiveKitTestCaller } from "../../testing/livekit-caller";
import { startLiveKitServer, type LiveKitTestServer } from "../../testing/livekit-server";
import { LocalTextToSpeech } from "../../voice/piper/local-tts";
import { PocketsphinxSpeechToText } from "../../voice/pocketsphinx/pocketsphinx-stt";
import { SileroVoiceActivityDetector } from "../../voice/silero/silero-vad";
import { speakToPcm } from "../../voice/spoken-audio";
import { compileFlow } from "../compile-flow";
import { flowHandler } from "../flow-handler";
import { RuntimeEvents, type SessionEvent } from "../session-events";
import { SessionRegistry } from "../session-registry";
import { SessionOpenError, SessionRunner } from "../session-runner";
import { LiveKitRuntime } from "./livekit";
import { LiveKitAgentWorker } from "./livekit-agent-worker";
import { dispatchLiveKitCall } from "./livekit-dispatch";

/*
 * Agent dispatch against a real livekit-server: two runtime "processes" (each its own runner, registry, capacity and
 * agent worker speaking the worker protocol over /agent) register under one agent name; calls are dispatched by the
 * server, never by us, and each is answered by whichever worker the server chose.
 */

/** A runtime process as far as LiveKit sees it: a runner with a capacity, its LiveKitRuntime and its agent worker. */
interface RuntimeProcess {
  name: string;
  registry: SessionRegistry;
  worker: LiveKitAgentWorker;
  /** Room names of the jobs this process ran. */
  rooms: string[];
  /** Its capacity now (the runner's own limit stays at the start's): a test fills or frees a worker by changing it. */
  capacity: number;
}

let server: LiveKitTestServer;
let config: LiveKitConfig;
let rooms: RoomServiceClient;
let piper: LocalTextToSpeech;
let stt: PocketsphinxSpeechToText;
let vad: SileroVoiceActivityDetector;
const processes: RuntimeProcess[] = [];
const sessionLog = new Map<string, SessionEvent[]>();

/** Test session tokens are `flow:sessionId`: the opener hands back the id, as the real one does from its claims. */
const open = async ({ token }: { token?: string }) => {
  const [flow, sessionId] = (token ?? "").split(":");
  if (flow !== "barge-in" || !sessionId) throw new SessionOpenError("flow_not_found", "No such test flow");
  const compiled = compileFlow(bargeInFlow);
  return { sessionId, source: { kind: "code" as const, name: flow }, handler: flowHandler(compiled), listens: compiled.listens };
};

async function startRuntimeProcess(name: string, maxSessions: number): Promise<RuntimeProcess> {
  const registry = new SessionRegistry();
  const events = new RuntimeEvents();
  events.subscribe((sessionId, event) => sessionLog.set(sessionId, [...(sessionLog.get(sessionId) ?? []), event]));
  const runner = new SessionRunner({ events, registry, open, maxSessions });
  const runtime = new LiveKitRuntime(runner, { config, engines: { stt, tts: piper, vad }, joinTimeoutMs: 10_000 });
  const ran: string[] = [];
  const control = { capacity: maxSessions };
  const worker = new LiveKitAgentWorker({
    ...config,
    hasCapacity: (reserved) => registry.size + reserved < control.capacity,
    load: () => (control.capacity === 0 ? 1 : registry.size / control.capacity),
    runJob: async (assignment, ended) => {
      ran.push(assignment.job.room?.name ?? "?");
      await runtime.runDispatchedJob(assignment, { ended });
    },
    statusIntervalMs: 500,
  });
  await worker.start();
  const started: RuntimeProcess = {
    name,
    registry,
    worker,
    rooms: ran,
    get capacity() {
      return control.capacity;
    },
    set capacity(value: number) {
      control.capacity = value;
      worker.reportStatus();
    },
  };
  processes.push(started);
  return started;
}

/** Dispatches a call as the API does, and joins it as the caller; resolves once the agent has said `session`. */
async function call(): Promise<{ roomName: string; caller: LiveKitTestCaller; sessionId: string }> {
  const sessionId = crypto.randomUUID();
  const dispatched = await dispatchLiveKitCall(config, { sessionId, sessionToken: `barge-in:${sessionId}`, trace: true });
  const caller = new LiveKitTestCaller();
  await caller.join(config.url, dispatched.caller.token);
  expect(await caller.waitForMessage<{ sessionId: string }>("session", () => true, 15_000)).toMatchObject({ sessionId });
  return { roomName: dispatched.roomName, caller, sessionId };
}

/**
 * Answers the menu by text once the flow listens, and waits for the End path: `Booked.`, `end`, the room's deletion.
 * (Typed during the menu's last moments, after `audio.end` but before its playout, the answer is taken by the session
 * and then nothing follows: a barge-in race of the LiveKit transport, not of dispatch, reported and left alone here.)
 */
async function finish({ caller, sessionId }: { caller: LiveKitTestCaller; sessionId: string }): Promise<void> {
  await caller.waitFor((e) => e.event === "trace" && (e.data as { type: string }).type === "listen.started", 30_000);
  await caller.send("utterance", { text: "yes" });
  await caller
    .waitForMessage("end", () => true, 20_000)
    .catch(() => {
      throw new Error(
        `no end: ${JSON.stringify(sessionLog.get(sessionId)?.map((e) => e.type))} ${JSON.stringify(caller.events.map((e) => e.event))}`,
      );
    });
  expect(await caller.waitForMessage<{ text: string; goodbye?: true }>("reply", (reply) => reply.goodbye === true, 20_000)).toMatchObject({
    text: "Booked.",
  });
  expect(await caller.waitForMessage("end", () => true, 20_000)).toEqual({ reason: "booked" });
  await caller.waitFor((e) => e.event === "disconnected", 10_000);
  await caller.leave();
}

/** Lets a status report that just went out reach the server before the next dispatch (they travel apart). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const whoRan = (roomName: string) => processes.find((process) => process.rooms.includes(roomName))?.name;

beforeAll(async () => {
  server = await startLiveKitServer();
  config = { url: server.url, apiKey: server.apiKey, apiSecret: server.apiSecret };
  rooms = new RoomServiceClient(liveKitHttpUrl(server.url), server.apiKey, server.apiSecret);
  piper = new LocalTextToSpeech({ threads: 1, steady: true }); // the same audio every run: speech-engines.test.ts says why
  stt = new PocketsphinxSpeechToText({ threads: 1 });
  vad = new SileroVoiceActivityDetector({ threads: 1 });
  await speakToPcm(piper, "Ready."); // loads the voice outside the timed tests
}, 60_000);

afterAll(async () => {
  await Promise.all(processes.map((process) => process.worker.close()));
  await Promise.all([piper?.close(), stt?.close(), vad?.close()]);
  await server?.stop();
});

describe("LiveKit agent dispatch: runtime workers registered with a real livekit-server", () => {
  it("spreads calls over two registered workers, a full worker refusing, and each call routes and answers", async () => {
    const [a, b] = [await startRuntimeProcess("a", 2), await startRuntimeProcess("b", 2)];
    expect(a.worker.workerId).not.toBe(b.worker.workerId);
    const calls = [];
    for (let i = 0; i < 4; i += 1) calls.push(await call());
    // Four calls, two places on each: the server's choice, bounded by what each worker says it can take.
    const ranBy = calls.map(({ roomName }) => whoRan(roomName));
    expect(ranBy.filter((name) => name === "a")).toHaveLength(2);
    expect(ranBy.filter((name) => name === "b")).toHaveLength(2);
    expect(a.registry.size + b.registry.size).toBe(4);
    await Promise.all(calls.map((placed) => finish(placed)));
    await expect.poll(() => a.registry.size + b.registry.size, { timeout: 10_000 }).toBe(0);
    expect(await rooms.listRooms()).toEqual([]);
  }, 120_000);

  it("sends the job to the other worker when one is at capacity (it refuses the availability request)", async () => {
    const [a, b] = processes as [RuntimeProcess, RuntimeProcess];
    // `b` takes nothing for the moment: the first call must land on `a`, which then has no room left.
    b.capacity = 0;
    a.capacity = 1;
    await settle();
    const first = await call();
    expect(whoRan(first.roomName)).toBe("a");
    b.capacity = 2;
    await settle();
    const second = await call();
    expect(whoRan(second.roomName)).toBe("b");
    expect(a.registry.size).toBe(1);
    await Promise.all([first, second].map((placed) => finish(placed)));
    await expect.poll(() => a.registry.size + b.registry.size, { timeout: 10_000 }).toBe(0);
    a.capacity = 2;
  }, 120_000);

  it("takes calls dispatched at the same moment on one worker, up to its capacity (each accepted job holds its place)", async () => {
    const [a, b] = processes as [RuntimeProcess, RuntimeProcess];
    b.capacity = 0;
    a.capacity = 3;
    await settle();
    // Before the fix, a worker with one job accepted and not yet assigned refused the others, and they were lost.
    const placed = await Promise.all([call(), call(), call()]);
    expect(placed.map(({ roomName }) => whoRan(roomName))).toEqual(["a", "a", "a"]);
    await Promise.all(placed.map((one) => finish(one)));
    await expect.poll(() => a.registry.size + b.registry.size, { timeout: 10_000 }).toBe(0);
    a.capacity = 2;
    b.capacity = 2;
    await settle();
  }, 120_000);

  it("drains a stopping worker: no new jobs, its call finishes, then it leaves", async () => {
    const [a, b] = processes as [RuntimeProcess, RuntimeProcess];
    b.capacity = 0;
    await settle();
    const onA = await call();
    expect(whoRan(onA.roomName)).toBe("a");
    b.capacity = 2;

    let drained = false;
    const draining = a.worker.drain().then(() => (drained = true));
    await settle();
    // New calls go to `b` while `a` drains, though `a` has room for one more.
    const during = await call();
    expect(whoRan(during.roomName)).toBe("b");
    expect(drained).toBe(false);
    expect(a.registry.size).toBe(1);
    await finish(onA);
    await draining;
    expect(a.worker.workerId).toBeNull();
    await finish(during);
    await expect.poll(() => a.registry.size + b.registry.size, { timeout: 10_000 }).toBe(0);
    expect(await rooms.listRooms()).toEqual([]);
  }, 120_000);

  it("ends the session (operator) when the server terminates its job because the dispatch was deleted", async () => {
    const sessionId = crypto.randomUUID();
    const dispatched = await dispatchLiveKitCall(config, { sessionId, sessionToken: `barge-in:${sessionId}` });
    const caller = new LiveKitTestCaller();
    await caller.join(config.url, dispatched.caller.token);
    await caller.waitForMessage("session", () => true, 15_000);
    await new AgentDispatchClient(liveKitHttpUrl(config.url), config.apiKey, config.apiSecret).deleteDispatch(
      dispatched.dispatchId,
      dispatched.roomName,
    );
    expect(await caller.waitForMessage("end", () => true, 15_000)).toMatchObject({ reason: "operator" });
    await caller.waitFor((e) => e.event === "disconnected", 10_000);
    expect(sessionLog.get(sessionId)?.at(-1)).toMatchObject({ type: "session.ended", reason: "operator" });
    await caller.leave();
  }, 30_000);

  it("deletes the room of a job Switchboard did not dispatch (a SIP dispatch rule's), so its caller is hung up", async () => {
    const roomName = `sip-call-${crypto.randomUUID()}`;
    await rooms.createRoom({ name: roomName, emptyTimeout: 60 });
    // As an `individual` SIP dispatch rule asks for the agent: its own metadata, no session token.
    await new AgentDispatchClient(liveKitHttpUrl(config.url), config.apiKey, config.apiSecret).createDispatch(roomName, "switchboard", {
      metadata: JSON.stringify({ phoneNumber: "+15550100" }),
    });
    await expect.poll(async () => (await rooms.listRooms([roomName])).length, { timeout: 10_000 }).toBe(0);
    expect(whoRan(roomName)).toBeDefined();
  }, 30_000);

  it("deletes the room of a job whose session token the worker refuses, so its caller is not left waiting", async () => {
    const sessionId = crypto.randomUUID();
    const dispatched = await dispatchLiveKitCall(config, { sessionId, sessionToken: `no-such-flow:${sessionId}` });
    const caller = new LiveKitTestCaller();
    await caller.join(config.url, dispatched.caller.token).catch(() => undefined);
    await expect.poll(async () => (await rooms.listRooms([dispatched.roomName])).length, { timeout: 10_000 }).toBe(0);
    expect(whoRan(dispatched.roomName)).toBeDefined();
    expect(sessionLog.has(sessionId)).toBe(false);
    await caller.leave();
  }, 30_000);
});
