import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { AccessToken, RoomServiceClient } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintCallerToken } from "../auth/livekit-token";
import { LOCAL_USER, LOCAL_WORKSPACE } from "../auth/local-user";
import { signingSecret } from "../auth/secret";
import { issueSessionToken } from "../auth/session-token";
import { liveKitHttpUrl, type LiveKitConfig } from "../config/livekit-config";
import { openDatabase, type OpenDatabase } from "../db/database";
import { createEmptyDatabase, type EmptyTestDatabase } from "../db/test-databases";
import { createFlow, listFlows } from "../flows/flow-repository";
import { roomNameForSession } from "../runtime/transports/livekit-room-name";
import { chainFlow } from "../testing/chain-flow";
import { LiveKitTestCaller } from "../testing/livekit-caller";
import { setLiveKitEnvironment } from "../testing/livekit-environment";
import { startLiveKitServer, type LiveKitTestServer } from "../testing/livekit-server";
import { ServerProcessHandle } from "../testing/server-process-handle";
import { answerLiveKitWebhook, type LiveKitWebhookOutcome } from "./livekit-webhook";
import { sessionControl } from "./session-control";
import { startServer } from "./start-server";

process.env.SWITCHBOARD_SECRET ??= "livekit-faults-secret-livekit-faults-0001";

/*
 * LiveKit faults against a real livekit-server whose webhooks reach our handler over HTTP (the same function the
 * route app/api/livekit/webhook serves), on a fresh database: a worker killed mid-call, a caller that vanishes
 * without leaving, forged webhooks, orphaned rows closed on room_finished and caller_left, and forged or expired
 * session tokens refused when a LiveKit call is asked for.
 */

/** What the webhook endpoint received: each signed request as posted (to replay it) and what it answered. */
interface Delivery {
  body: string;
  authorization: string | undefined;
  status: number;
  answer: LiveKitWebhookOutcome | { error: { code: string } };
}

let livekit: LiveKitTestServer;
let config: LiveKitConfig;
let empty: EmptyTestDatabase;
let database: OpenDatabase;
let receiver: Server;
let webhookUrl: string;
const deliveries: Delivery[] = [];
let restoreLiveKitEnvironment: () => void = () => undefined;

beforeAll(async () => {
  empty = await createEmptyDatabase("embedded");
  database = await openDatabase({ databaseUrl: empty.url, log: () => undefined });
  receiver = createServer((incoming, outgoing) => {
    let body = "";
    incoming.on("data", (chunk: Buffer) => (body += chunk.toString()));
    incoming.on("end", () => {
      const authorization = incoming.headers.authorization;
      const request = new Request(webhookUrl, { method: "POST", body, headers: authorization ? { authorization } : {} });
      void answerLiveKitWebhook(request, config, async () => database.db).then(async (response) => {
        const text = await response.text();
        deliveries.push({ body, authorization, status: response.status, answer: JSON.parse(text) as Delivery["answer"] });
        outgoing.writeHead(response.status, { "content-type": "application/json" }).end(text);
      });
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const address = receiver.address();
  webhookUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/api/livekit/webhook`;
  livekit = await startLiveKitServer({ webhookUrls: [webhookUrl] });
  config = { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret };
  restoreLiveKitEnvironment = setLiveKitEnvironment(livekit);
}, 120_000);

afterAll(async () => {
  await livekit?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
  await database?.close();
  await empty?.close();
  restoreLiveKitEnvironment();
});

const rooms = () => new RoomServiceClient(liveKitHttpUrl(livekit.url), livekit.apiKey, livekit.apiSecret);

const sessionRow = (id: string) =>
  database.db.session.findUnique({ where: { id }, select: { status: true, endReason: true, endMessage: true, endedAt: true } });

async function waitFor<T>(read: () => Promise<T>, test: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (test(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms (last: ${JSON.stringify(value)})\n${livekit.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A live Session row as a runtime process that has since died left it (its runtimeId names no current lease). */
async function orphanedRow(): Promise<string> {
  const id = crypto.randomUUID();
  await database.db.session.create({
    data: { id, sourceKind: "draft", transport: "livekit", startedAt: new Date(), runtimeId: crypto.randomUUID() },
  });
  return id;
}

const closedBy = (sessionId: string, reason: string) => (delivery: Delivery) =>
  "kind" in delivery.answer &&
  delivery.answer.kind === "closed" &&
  delivery.answer.sessionId === sessionId &&
  delivery.answer.reason === reason;

/** A signed webhook body as livekit-server posts one: a JWT of the key pair whose sha256 claim is the body's. */
async function signedWebhook(body: string, secret: string): Promise<string> {
  const token = new AccessToken(livekit.apiKey, secret);
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return token.toJwt();
}

const postWebhook = (body: string, authorization?: string) =>
  fetch(webhookUrl, { method: "POST", body, headers: authorization ? { authorization } : {} }).then(async (response) => ({
    status: response.status,
    body: (await response.json()) as { error?: { code: string } },
  }));

describe("LiveKit webhooks from a real livekit-server", () => {
  it("refuses unsigned, forged and tampered webhooks with 401 webhook_unauthorized, and closes nothing", async () => {
    const sessionId = await orphanedRow();
    const body = JSON.stringify({ event: "room_finished", room: { name: roomNameForSession(sessionId) }, id: "forged", createdAt: "1" });
    const unsigned = await postWebhook(body);
    const forged = await postWebhook(body, await signedWebhook(body, "another-secret-another-secret-another-secret"));
    const tampered = await postWebhook(body, await signedWebhook(body.replace("forged", "other"), livekit.apiSecret));
    for (const answer of [unsigned, forged, tampered])
      expect([answer.status, answer.body.error?.code]).toEqual([401, "webhook_unauthorized"]);
    expect(await sessionRow(sessionId)).toMatchObject({ status: "live", endReason: null });
  });

  it("closes a row left open when its room finishes (room_finished), and leaves it as it is when the webhook comes again", async () => {
    const sessionId = await orphanedRow();
    const roomName = roomNameForSession(sessionId);
    await rooms().createRoom({ name: roomName, emptyTimeout: 60 });
    await rooms().deleteRoom(roomName);
    const delivery = await waitFor(
      async () => deliveries.find(closedBy(sessionId, "room_finished")),
      Boolean,
      10_000,
      "no room_finished closed the row",
    );
    const closed = await sessionRow(sessionId);
    expect(closed).toMatchObject({ status: "ended", endReason: "room_finished", endMessage: expect.stringContaining("room") });

    // LiveKit retries deliveries: the same signed request again is answered, and changes nothing.
    const replay = await postWebhook(delivery!.body, delivery!.authorization);
    expect([replay.status, replay.body]).toEqual([200, { kind: "untouched", event: "room_finished", sessionId }]);
    expect(await sessionRow(sessionId)).toEqual(closed);
  });

  it("closes a row left open when its caller leaves the room (caller_left), and closes the room", async () => {
    const sessionId = await orphanedRow();
    const roomName = roomNameForSession(sessionId);
    await rooms().createRoom({ name: roomName, emptyTimeout: 60 });
    const caller = new LiveKitTestCaller();
    const { token } = await mintCallerToken(config, { roomName, identity: "caller-webhook" });
    await caller.join(livekit.url, token);
    await caller.leave();
    await waitFor(async () => deliveries.find(closedBy(sessionId, "caller_left")), Boolean, 10_000, "no participant_left closed the row");
    expect(await sessionRow(sessionId)).toMatchObject({ status: "ended", endReason: "caller_left" });
    await waitFor(
      () => rooms().listRooms([roomName]),
      (list) => list.length === 0,
      5_000,
      "the room is still there",
    );
  }, 30_000);
});

describe("a runtime worker killed mid-call (kill -9)", () => {
  it("closes its Session row (agent_left) and its room once LiveKit drops its participant; the caller is disconnected", async () => {
    const worker = await ServerProcessHandle.start({
      DATABASE_URL: empty.url,
      SWITCHBOARD_TEST_LIVEKIT_CALL: "1",
      // Shorter than LiveKit's 15 s: the lease has run out when the webhook asks whether the worker is alive.
      RUNTIME_LEASE_SECONDS: "2",
    });
    const call = worker.info.livekitCall;
    if (!call) throw new Error(`the worker started no call:\n${worker.log}`);
    const caller = new LiveKitTestCaller();
    try {
      await caller.join(call.url, call.token);
      await caller.waitForMessage("reply", () => true, 30_000);
      expect(await sessionRow(call.sessionId)).toMatchObject({ status: "live" });
      const killedAt = Date.now();
      worker.kill("SIGKILL");
      await worker.exited;

      const row = await waitFor(
        () => sessionRow(call.sessionId),
        (found) => found?.status === "ended",
        45_000,
        "the row was not closed",
      );
      expect(row).toMatchObject({ status: "ended", endReason: "agent_left" });
      await caller.waitFor((event) => event.event === "disconnected", 10_000);
      expect(await rooms().listRooms([call.roomName])).toEqual([]);
      console.log(`[livekit faults] worker killed → row closed by the webhook in ${row!.endedAt!.getTime() - killedAt} ms`);
    } finally {
      worker.kill("SIGKILL");
      await caller.leave();
    }
  }, 90_000);
});

describe("the runtime in this process, with webhooks on", () => {
  let stop: () => Promise<void> = async () => undefined;
  let registrySize: () => number = () => 0;
  let workerId: () => string | null | undefined = () => undefined;
  let flowId: string;

  beforeAll(async () => {
    const server = await startServer({
      port: 0,
      hostname: "127.0.0.1",
      withEditor: false,
      dev: false,
      database: { db: database.db, url: empty.url },
      lease: { ttlMs: 5_000, renewEveryMs: 1_000 },
    });
    stop = () => server.stop();
    registrySize = () => server.runtime.registry.size;
    workerId = () => server.runtime.livekitWorker?.workerId;
    const sample = (await listFlows(database.db, [LOCAL_WORKSPACE.id])).find((flow) => flow.name === "Appointment booking");
    if (!sample) throw new Error("the seeded sample flow is missing");
    flowId = sample.id;
  }, 60_000);

  afterAll(() => stop());

  it("ends the session as a hang-up once LiveKit drops a caller that vanished without leaving (SIGSTOP), and deletes the room", async () => {
    // Its Listen waits 60 s: the sample flow's 15 s timeout can end the call before LiveKit notices (~20 s), as in CI.
    const patient = await createFlow(database.db, LOCAL_WORKSPACE.id, { name: "Vanishing caller", graph: chainFlow([]) });
    const { token } = await issueSessionToken({ sub: LOCAL_USER.id, workspaceId: LOCAL_WORKSPACE.id, flowId: patient.id }, signingSecret());
    const outcome = await sessionControl()!.startLiveKitCall(token);
    if (outcome.kind !== "started") throw new Error(`not started: ${JSON.stringify(outcome)}`);
    const { call } = outcome;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("lib/testing/livekit-caller-process.ts"), call.url, call.token],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitFor(
        async () => output,
        (text) => text.includes('"event":"reply"'),
        30_000,
        "the caller was not greeted",
      );
      const vanishedAt = Date.now();
      child.kill("SIGSTOP");
      const row = await waitFor(
        () => sessionRow(call.sessionId),
        (found) => found?.status === "ended",
        45_000,
        "the session did not end",
      );
      // The live runtime ends its own session (the webhook leaves a row with a current lease alone).
      expect(row).toMatchObject({ status: "ended", endReason: "hangup" });
      const waited = row!.endedAt!.getTime() - vanishedAt;
      // livekit-server's signal ping timeout (PingTimeoutSeconds = 15 in pkg/rtc/participant.go, not configurable).
      expect(waited).toBeGreaterThan(10_000);
      console.log(`[livekit faults] caller vanished → session ended (hangup) after ${waited} ms`);
      await waitFor(
        () => rooms().listRooms([call.roomName]),
        (list) => list.length === 0,
        5_000,
        "the room is still there",
      );
      expect(
        deliveries.some(
          (delivery) => "sessionId" in delivery.answer && delivery.answer.sessionId === call.sessionId && delivery.answer.kind === "closed",
        ),
      ).toBe(false);
    } finally {
      child.kill("SIGKILL");
    }
  }, 90_000);

  it("ends the call (hangup) when livekit-server restarts mid-call, answers livekit_unavailable while it is down, and takes new calls once it is back", async () => {
    const startCall = async () =>
      sessionControl()!.startLiveKitCall(
        (await issueSessionToken({ sub: LOCAL_USER.id, workspaceId: LOCAL_WORKSPACE.id, flowId }, signingSecret())).token,
      );
    const first = await startCall();
    if (first.kind !== "started") throw new Error(`not started: ${JSON.stringify(first)}`);
    const caller = new LiveKitTestCaller();
    await caller.join(first.call.url, first.call.token);
    await caller.waitForMessage("reply", () => true, 30_000);

    const haltedAt = Date.now();
    await livekit.halt();
    try {
      const whileDown = await startCall();
      expect(whileDown).toMatchObject({ kind: "unavailable", message: expect.stringContaining("could not be reached") });
      const row = await waitFor(
        () => sessionRow(first.call.sessionId),
        (found) => found?.status === "ended",
        80_000,
        "the call did not end",
      );
      console.log(
        `[livekit faults] livekit-server stopped → call ended (${row?.endReason}) after ${Date.now() - haltedAt} ms; caller saw ${caller.events.map((event) => event.event).join(", ")}`,
      );
      // A stopping livekit-server first removes the caller from the room: to the runtime that is the caller leaving.
      expect(row).toMatchObject({ status: "ended", endReason: "hangup" });
      await waitFor(
        async () => registrySize(),
        (size) => size === 0,
        10_000,
        "the session is still held",
      );
    } finally {
      await caller.leave();
      await livekit.resume();
    }

    // A call dispatched before this process's worker has registered again would get a room and no agent.
    await expect.poll(() => workerId(), { timeout: 20_000 }).toEqual(expect.any(String));
    const again = await startCall();
    if (again.kind !== "started") throw new Error(`not started after the restart: ${JSON.stringify(again)}`);
    const next = new LiveKitTestCaller();
    await next.join(again.call.url, again.call.token);
    await next.waitForMessage("reply", () => true, 30_000);
    await next.leave();
    const newRow = await waitFor(
      () => sessionRow(again.call.sessionId),
      (found) => found?.status === "ended",
      15_000,
      "the new call did not end",
    );
    expect(newRow).toMatchObject({ status: "ended", endReason: "hangup" });
  }, 150_000);

  it("refuses a forged or an expired session token when asked for a LiveKit call, and starts none", async () => {
    const forged = await issueSessionToken(
      { sub: LOCAL_USER.id, workspaceId: LOCAL_WORKSPACE.id, flowId },
      "not-the-secret-not-the-secret-not-the-secret",
    );
    const expired = await issueSessionToken(
      { sub: LOCAL_USER.id, workspaceId: LOCAL_WORKSPACE.id, flowId },
      signingSecret(),
      Math.floor(Date.now() / 1000) - 3600,
      60,
    );
    for (const token of [forged.token, expired.token, "not-a-token"]) {
      const outcome = await sessionControl()!.startLiveKitCall(token);
      expect(outcome).toMatchObject({ kind: "refused", code: expect.any(String) });
    }
    expect(await sessionRow(forged.sessionId)).toBeNull();
    expect(await rooms().listRooms([roomNameForSession(forged.sessionId), roomNameForSession(expired.sessionId)])).toEqual([]);
  });
});
