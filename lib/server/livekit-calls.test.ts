import { afterAll, beforeAll, expect, it } from "vitest";
import { LOCAL_SCOPE } from "../testing/local-access";
import { signingSecret } from "../auth/secret";
import { issueSessionToken } from "../auth/session-token";
import { LOCAL_WORKSPACE } from "../auth/local-user";
import { describeEachDatabase } from "../db/test-databases";
import { listFlows } from "../flows/flow-repository";
import { getSession } from "../sessions/session-queries";
import { LiveKitTestCaller } from "../testing/livekit-caller";
import { setLiveKitEnvironment } from "../testing/livekit-environment";
import { signUpOverHttp, type SignedIn } from "../testing/signed-in";
import { startLiveKitServer, type LiveKitTestServer } from "../testing/livekit-server";
import { sessionControl, type LiveKitCallGrant } from "./session-control";
import { freePort } from "../testing/test-redis";
import { roomNameForSession } from "../runtime/transports/livekit-room-name";
import { startServer, type RunningServer } from "./start-server";

process.env.SWITCHBOARD_SECRET ??= "integration-secret-integration-secret-0001";

/*
 * The server as `npm run serve` composes it (editor thread included), with LIVEKIT_* pointing at a real
 * livekit-server: POST /api/flows/{id}/livekit-calls creates the room and dispatches the agent, the LiveKit server
 * hands the job to this process's registered agent worker, which joins the room; the session is recorded as
 * `livekit` and ends through the End path.
 */
describeEachDatabase("the server, end to end in a LiveKit room", (current) => {
  let livekit: LiveKitTestServer;
  let server: RunningServer;
  let flowId: string;
  let restoreLiveKitEnvironment: () => void = () => undefined;
  let me: SignedIn;

  beforeAll(async () => {
    // The app's port is chosen first, so livekit-server can be started with its webhook pointing at the app's route.
    const port = await freePort();
    livekit = await startLiveKitServer({ webhookUrls: [`http://127.0.0.1:${port}/api/livekit/webhook`] });
    restoreLiveKitEnvironment = setLiveKitEnvironment(livekit);
    // With the editor: the API's route runs on the editor thread, and asks the runtime on the main thread by message.
    // The lease is renewed, and dead runtimes' calls swept as `lost`, only at the start: so the only one to close the
    // row a dead runtime left open in the webhook test below is the webhook (the sweep raced it in CI).
    server = await startServer({
      port,
      hostname: "127.0.0.1",
      withEditor: true,
      dev: false,
      database: current(),
      lease: { ttlMs: 600_000, renewEveryMs: 600_000 },
    });
    const sample = (await listFlows(current().db, [LOCAL_WORKSPACE.id])).find((flow) => flow.name === "Appointment booking");
    if (!sample) throw new Error("the seeded sample flow is missing");
    flowId = sample.id;
    me = await signUpOverHttp(server.url, { name: "LiveKit tester" });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await livekit?.stop();
    restoreLiveKitEnvironment();
  });

  it("dispatches a call in a room of its own through the API to the registered worker, greets the caller on the track, records it as livekit, ends on hang-up", async () => {
    const answer = await startCall(server.url, me.cookie, flowId, { trace: true });
    expect(answer.status).toBe(201);
    const grant = answer.body as LiveKitCallGrant;
    expect(grant).toMatchObject({ url: livekit.url, roomName: `switchboard-${grant.sessionId}` });
    expect(Date.parse(grant.expiresAt) - Date.now()).toBeLessThanOrEqual(600_000);

    const caller = new LiveKitTestCaller();
    await caller.join(grant.url, grant.token);
    await caller.waitForMessage("session");
    const greeting = await caller.waitForMessage<{ replyId: string }>("reply", () => true, 30_000);
    await caller.waitForMessage<{ replyId: string }>("audio.end", (end) => end.replyId === greeting.replyId, 30_000);
    await caller.send("hangup");
    expect(await caller.waitForMessage("end")).toEqual({ reason: "hangup" });
    await caller.waitFor((event) => event.event === "disconnected", 5_000);
    await caller.leave();

    let stored = await getSession(current().db, LOCAL_SCOPE, grant.sessionId);
    for (let attempt = 0; attempt < 100 && stored?.session.status !== "ended"; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored = await getSession(current().db, LOCAL_SCOPE, grant.sessionId);
    }
    expect(stored?.session).toMatchObject({ status: "ended", endReason: "hangup", transport: "livekit", flowId });
    expect(server.runtime.registry.size).toBe(0);
    expect(await server.runtime.livekit!.rooms.listRooms()).toEqual([]);
  }, 90_000);

  it("answers livekit_unavailable while the LiveKit server is down, opens no session, and calls work once the worker has re-registered", async () => {
    await livekit.halt();
    await expect.poll(() => server.runtime.livekitWorker?.workerId, { timeout: 5_000 }).toBeNull();
    const { token, sessionId } = await issueSessionToken({ sub: me.user.id, workspaceId: LOCAL_WORKSPACE.id, flowId }, signingSecret());
    const refused = await sessionControl()!.startLiveKitCall(token);
    expect(refused).toMatchObject({ kind: "unavailable", message: expect.stringContaining("could not be reached") });
    const overHttp = await startCall(server.url, me.cookie, flowId, {});
    expect([overHttp.status, (overHttp.body as { error: { code: string } }).error.code]).toEqual([503, "livekit_unavailable"]);
    // Dispatch failed before any worker admitted the token: no session was opened, so no row is left to close.
    expect(await getSession(current().db, LOCAL_SCOPE, sessionId)).toBeFalsy();

    await livekit.resume();
    // The worker reconnects by itself with backoff; a call dispatched before it has re-registered would find no worker.
    await expect.poll(() => server.runtime.livekitWorker?.workerId, { timeout: 20_000, interval: 200 }).toBeTruthy();
    const again = await issueSessionToken({ sub: me.user.id, workspaceId: LOCAL_WORKSPACE.id, flowId }, signingSecret());
    const outcome = await sessionControl()!.startLiveKitCall(again.token);
    if (outcome.kind !== "started") throw new Error(`not started: ${JSON.stringify(outcome)}`);
    const caller = new LiveKitTestCaller();
    await caller.join(outcome.call.url, outcome.call.token);
    await caller.waitForMessage("reply", () => true, 30_000);
    await caller.leave();
    await expect.poll(() => server.runtime.registry.size, { timeout: 10_000 }).toBe(0);
  }, 90_000);

  it("closes a Session row a dead runtime left open when livekit-server's signed room_finished webhook reaches the app", async () => {
    const id = crypto.randomUUID();
    // A runtime process that has no lease any more (killed): nobody else will end it.
    await current().db.session.create({
      data: { id, sourceKind: "draft", transport: "livekit", startedAt: new Date(), runtimeId: crypto.randomUUID() },
    });
    const rooms = server.runtime.livekit!.rooms;
    await rooms.createRoom({ name: roomNameForSession(id), emptyTimeout: 60 });
    await rooms.deleteRoom(roomNameForSession(id));
    await expect
      .poll(async () => (await current().db.session.findUnique({ where: { id } }))?.endReason, { timeout: 10_000 })
      .toBe("room_finished");

    const forged = await fetch(`${server.url}/api/livekit/webhook`, {
      method: "POST",
      headers: { "content-type": "application/webhook+json", authorization: "forged" },
      body: JSON.stringify({ event: "room_finished", room: { name: roomNameForSession(crypto.randomUUID()) } }),
    });
    expect([forged.status, ((await forged.json()) as { error: { code: string } }).error.code]).toEqual([401, "webhook_unauthorized"]);
  }, 30_000);
});

/** POST /api/flows/{id}/livekit-calls as a client that is not a browser (no Origin) sends it. */
async function startCall(url: string, cookie: string, flowId: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/api/flows/${flowId}/livekit-calls`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
