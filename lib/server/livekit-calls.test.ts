import { afterAll, beforeAll, expect, it } from "vitest";
import { signingSecret } from "../auth/secret";
import { issueSessionToken } from "../auth/session-token";
import { LOCAL_USER } from "../auth/local-user";
import { describeEachDatabase } from "../db/test-databases";
import { listFlows } from "../flows/flow-repository";
import { getSession } from "../sessions/session-queries";
import { LiveKitTestCaller } from "../testing/livekit-caller";
import { startLiveKitServer, type LiveKitTestServer } from "../testing/livekit-server";
import { sessionControl } from "./session-control";
import { startServer, type RunningServer } from "./start-server";

process.env.SWITCHBOARD_SECRET ??= "integration-secret-integration-secret-0001";

/*
 * The server as `npm run serve` composes it, with LIVEKIT_* pointing at a real livekit-server: the API's way in
 * (the session control the route calls) starts a call, the runtime joins the room, the session is recorded as
 * `livekit` and ends through the End path.
 */
describeEachDatabase("the server, end to end in a LiveKit room", (current) => {
  let livekit: LiveKitTestServer;
  let server: RunningServer;
  let flowId: string;
  const saved = { url: process.env.LIVEKIT_URL, key: process.env.LIVEKIT_API_KEY, secret: process.env.LIVEKIT_API_SECRET };

  beforeAll(async () => {
    livekit = await startLiveKitServer();
    process.env.LIVEKIT_URL = livekit.url;
    process.env.LIVEKIT_API_KEY = livekit.apiKey;
    process.env.LIVEKIT_API_SECRET = livekit.apiSecret;
    server = await startServer({ port: 0, hostname: "127.0.0.1", withEditor: false, dev: false, database: current() });
    const sample = (await listFlows(current().db, LOCAL_USER.id)).find((flow) => flow.name === "Appointment booking");
    if (!sample) throw new Error("the seeded sample flow is missing");
    flowId = sample.id;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await livekit?.stop();
    for (const [name, value] of [
      ["LIVEKIT_URL", saved.url],
      ["LIVEKIT_API_KEY", saved.key],
      ["LIVEKIT_API_SECRET", saved.secret],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("starts a call in a room of its own, greets the caller on the track, records it as livekit, and ends on hang-up", async () => {
    const { token } = issueSessionToken({ sub: LOCAL_USER.id, flowId }, signingSecret());
    const outcome = await sessionControl()!.startLiveKitCall(token, { trace: true });
    if (outcome.kind !== "started") throw new Error(`not started: ${JSON.stringify(outcome)}`);
    expect(outcome.call).toMatchObject({ url: livekit.url, roomName: `switchboard-${outcome.call.sessionId}` });
    expect(Date.parse(outcome.call.expiresAt) - Date.now()).toBeLessThanOrEqual(600_000);

    // The session token opens one session, whatever the transport.
    expect(await sessionControl()!.startLiveKitCall(token)).toMatchObject({ kind: "refused", code: "token_used" });

    const caller = new LiveKitTestCaller();
    await caller.join(outcome.call.url, outcome.call.token);
    await caller.waitForMessage("session");
    const greeting = await caller.waitForMessage<{ replyId: string }>("reply", () => true, 30_000);
    await caller.waitForMessage<{ replyId: string }>("audio.end", (end) => end.replyId === greeting.replyId, 30_000);
    await caller.send("hangup");
    expect(await caller.waitForMessage("end")).toEqual({ reason: "hangup" });
    await caller.waitFor((event) => event.event === "disconnected", 5_000);
    await caller.leave();

    let stored = await getSession(current().db, LOCAL_USER.id, outcome.call.sessionId);
    for (let attempt = 0; attempt < 100 && stored?.session.status !== "ended"; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored = await getSession(current().db, LOCAL_USER.id, outcome.call.sessionId);
    }
    expect(stored?.session).toMatchObject({ status: "ended", endReason: "hangup", transport: "livekit", flowId });
    expect(server.runtime.registry.size).toBe(0);
    expect(await server.runtime.livekit!.rooms.listRooms()).toEqual([]);
  }, 90_000);

  it("answers livekit_unavailable while the LiveKit server is down, closes that session's row, and calls work once it is back", async () => {
    await livekit.halt();
    const { token, sessionId } = issueSessionToken({ sub: LOCAL_USER.id, flowId }, signingSecret());
    const refused = await sessionControl()!.startLiveKitCall(token);
    expect(refused).toMatchObject({ kind: "unavailable", message: expect.stringContaining("could not be reached") });
    let stored = await getSession(current().db, LOCAL_USER.id, sessionId);
    for (let attempt = 0; attempt < 100 && stored?.session.status !== "ended"; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored = await getSession(current().db, LOCAL_USER.id, sessionId);
    }
    expect(stored?.session).toMatchObject({ status: "ended", endReason: "livekit_unavailable", transport: "livekit" });

    await livekit.resume();
    const again = issueSessionToken({ sub: LOCAL_USER.id, flowId }, signingSecret());
    const outcome = await sessionControl()!.startLiveKitCall(again.token);
    if (outcome.kind !== "started") throw new Error(`not started: ${JSON.stringify(outcome)}`);
    const caller = new LiveKitTestCaller();
    await caller.join(outcome.call.url, outcome.call.token);
    await caller.waitForMessage("reply", () => true, 30_000);
    await caller.leave();
    await expect.poll(() => server.runtime.registry.size, { timeout: 10_000 }).toBe(0);
  }, 60_000);
});
