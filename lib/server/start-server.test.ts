import { Agent, get as httpGet } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LOCAL_SCOPE } from "../testing/local-access";
import { signingSecret } from "../auth/secret";
import { issueSessionToken } from "../auth/session-token";
import { LOCAL_USER, LOCAL_WORKSPACE } from "../auth/local-user";
import { describeEachDatabase } from "../db/test-databases";
import { listFlows } from "../flows/flow-repository";
import { getSession } from "../sessions/session-queries";
import { RecordingClient } from "../testing/socket-client";
import { VoiceTestClient } from "../testing/voice-client";
import { endSessionAsOperator } from "./operator-end";
import { startServer, type RunningServer } from "./start-server";

process.env.SWITCHBOARD_SECRET ??= "integration-secret-integration-secret-0001";

describeEachDatabase("the server, end to end over Socket.IO", (current) => {
  let server: RunningServer;
  let flowId: string;

  beforeAll(async () => {
    server = await startServer({ port: 0, hostname: "127.0.0.1", withEditor: false, dev: false, database: current() });
    const flows = await listFlows(current().db, [LOCAL_WORKSPACE.id]);
    const sample = flows.find((flow) => flow.name === "Appointment booking");
    if (!sample) throw new Error("the seeded sample flow is missing");
    flowId = sample.id;
  });

  afterAll(async () => {
    await server.stop();
  });

  it("keeps an idle keep-alive connection open past Node's 5 s, so a client reusing it is not reset", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<boolean>((resolve, reject) => {
        const request = httpGet(`${server.url}/socket.io/?EIO=4&transport=polling`, { agent }, (response) => {
          response.resume();
          response.on("end", () => resolve(request.reusedSocket));
        });
        request.on("error", reject);
      });
    try {
      expect(await get()).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await get()).toBe(true);
    } finally {
      agent.destroy();
    }
  }, 20_000);

  it("answers a voice call on the offline engines: the greeting comes back as audio, every frame of it", async () => {
    const { token } = await issueSessionToken({ sub: LOCAL_USER.id, workspaceId: LOCAL_WORKSPACE.id, flowId }, signingSecret());
    const caller = new VoiceTestClient(server.url, { token });
    try {
      await caller.waitFor((event) => event.event === "session");
      const greeting = await caller.waitFor((event) => event.event === "reply");
      const { replyId } = greeting.data as { replyId: string };
      const ended = await caller.waitFor(
        (event) => event.event === "audio.end" && (event.data as { replyId: string }).replyId === replyId,
        60_000,
      );
      const heard = caller.replies.find((reply) => reply.replyId === replyId);
      // About 20 ms a frame: the whole greeting as audio, as long as audio.end says.
      expect(heard?.frames).toBe(Math.ceil((ended.data as { durationMs: number }).durationMs / 20));
      expect(heard?.frames).toBeGreaterThan(50);
    } finally {
      caller.socket.disconnect();
    }
  }, 90_000);

  it("runs the seeded sample to End, closes the socket, records the session and leaves nothing behind", async () => {
    const listenersBefore = server.runtime.events.listenerCount;
    const { token } = await issueSessionToken({ sub: LOCAL_USER.id, workspaceId: LOCAL_WORKSPACE.id, flowId }, signingSecret());
    const client = new RecordingClient(server.url, { token });
    await client.connected();
    const { data } = await client.waitForEvent("session");
    await client.waitForEvent("reply");
    client.say("I want to book");
    await client.waitFor((event) => event.event === "reply" && event.data.text.startsWith("Great"));
    client.say("Ada");
    await client.waitForEvent("disconnect");
    expect(client.timeline().slice(-3)).toEqual(["reply:See you then. Goodbye!", "end:booked", "disconnect:io server disconnect"]);

    await server.runtime.registry.whenEmpty();
    expect(server.runtime.io.of("/").sockets.size).toBe(0);
    // Ended a moment ago, its end maybe not written yet: an operator is told it has ended, not that it is unreachable.
    expect(await endSessionAsOperator(current().db, server.runtime, LOCAL_USER, data.sessionId, undefined)).toEqual({ kind: "gone" });
    expect(server.runtime.events.listenerCount).toBe(listenersBefore);

    // The recorder writes in batches; poll the API's query until the end is stored.
    let stored = await getSession(current().db, LOCAL_SCOPE, data.sessionId);
    for (let attempt = 0; attempt < 100 && stored?.session.status !== "ended"; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored = await getSession(current().db, LOCAL_SCOPE, data.sessionId);
    }
    expect(stored?.session).toMatchObject({ status: "ended", endReason: "booked", transport: "socketio", flowId });
    const events = stored?.events ?? [];
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const transcript = events.flatMap((event) => {
      const text = typeof event.data === "object" && event.data !== null && !Array.isArray(event.data) ? event.data.text : undefined;
      return event.type === "reply" || event.type === "utterance" ? [`${event.type}:${String(text)}`] : [];
    });
    expect(transcript).toEqual([
      "reply:Hi! You've reached Switchboard Clinic. Would you like to book an appointment?",
      "utterance:I want to book",
      "reply:Great. What name should I put the appointment under?",
      "utterance:Ada",
      "reply:Thanks, Ada. You're booked for tomorrow at 10 am.",
      "reply:See you then. Goodbye!",
    ]);
    expect(events.at(-1)).toMatchObject({ type: "session.ended" });
  });
});
