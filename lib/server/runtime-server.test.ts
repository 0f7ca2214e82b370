import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueSessionToken } from "../auth/session-token";
import { flowTemplates } from "../flow/samples";
import type { FlowGraph } from "../flow/schema";
import type { SessionEvent } from "../runtime/session-events";
import { InMemoryFlowLookup } from "../testing/in-memory-flow-lookup";
import { RecordingClient } from "../testing/socket-client";
import { attachRuntimeServer, type RuntimeServer } from "./runtime-server";

const SECRET = "test-secret-test-secret-test-secret-0123";
const USER = "user-1";

function sampleGraph(): FlowGraph {
  const template = flowTemplates[0];
  if (!template) throw new Error("the sample flow is missing");
  return template.graph();
}

/** start → say → listen(1 s, timeout unconnected) → set (fails at run time) → end */
function failingGraph(): FlowGraph {
  return {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, data: {} },
      { id: "hello", kind: "say", position: { x: 0, y: 0 }, data: { text: "Say anything." } },
      { id: "hear", kind: "listen", position: { x: 0, y: 0 }, data: { timeoutSeconds: 1 } },
      {
        id: "boom",
        kind: "set",
        position: { x: 0, y: 0 },
        data: { assignments: [{ variable: "x", source: { type: "expression", expression: "missing_var + 1" } }] },
      },
      { id: "bye", kind: "end", position: { x: 0, y: 0 }, data: { reason: "completed" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "hello" },
      { id: "e2", source: "hello", sourcePort: "next", target: "hear" },
      { id: "e3", source: "hear", sourcePort: "heard", target: "boom" },
      { id: "e4", source: "boom", sourcePort: "next", target: "bye" },
    ],
  };
}

let runtime: RuntimeServer;
let url: string;
let lookup: InMemoryFlowLookup;
let log: Array<{ sessionId: string; event: SessionEvent }>;
const clients: RecordingClient[] = [];

function connect(flowId: string, extra: Record<string, unknown> = {}): RecordingClient {
  const auth = issueSessionToken({ sub: USER, workspaceId: USER, flowId }, SECRET).then(({ token }) => ({ token, trace: true, ...extra }));
  const client = new RecordingClient(url, auth);
  clients.push(client);
  return client;
}

/** A token signed with the test secret whatever its claims, as an attacker holding a leaked secret could make one. */
function signedToken(claims: { iat: number; exp: number }): Promise<string> {
  return new SignJWT({ wsid: USER, flow: "sample" })
    .setProtectedHeader({ alg: "HS256" })
    .setJti(randomUUID())
    .setSubject(USER)
    .setIssuer("switchboard")
    .setAudience("switchboard-runtime")
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(new TextEncoder().encode(SECRET));
}

function timerCount(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
}

beforeEach(async () => {
  lookup = new InMemoryFlowLookup();
  lookup.put(USER, "sample", sampleGraph());
  lookup.put(USER, "failing", failingGraph());
  const httpServer = createServer();
  runtime = await attachRuntimeServer({ httpServer, lookup, secret: () => SECRET });
  log = [];
  runtime.events.subscribe((sessionId, event) => log.push({ sessionId, event }));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await runtime.shutdown();
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function endedOnServer(): Promise<void> {
  await runtime.registry.whenEmpty();
}

describe("a conversation over Socket.IO", () => {
  it("delivers the goodbye, then end with the reason, then the server closes the socket and releases everything", async () => {
    const client = connect("sample");
    await client.connected();
    await client.waitFor((event) => event.event === "trace" && event.data.type === "listen.started");
    client.say("I'd like to book an appointment, please");
    await client.waitFor((event) => event.event === "reply" && event.data.text.startsWith("Great."));
    client.say("Ada Lovelace");
    await client.waitForEvent("disconnect");
    await endedOnServer();

    expect(client.timeline()).toEqual([
      "session",
      "reply:Hi! You've reached Switchboard Clinic. Would you like to book an appointment?",
      "reply:Great. What name should I put the appointment under?",
      "reply:Thanks, Ada Lovelace. You're booked for tomorrow at 10 am.",
      "reply:See you then. Goodbye!",
      "end:booked",
      "disconnect:io server disconnect",
    ]);
    const goodbye = client.received.find((event) => event.event === "reply" && event.data.goodbye);
    expect(goodbye?.data).toMatchObject({ text: "See you then. Goodbye!", goodbye: true });

    expect(runtime.registry.size).toBe(0);
    expect(runtime.io.of("/").sockets.size).toBe(0);
    const events = log.map(({ event }) => event);
    expect(events.at(0)?.type).toBe("session.started");
    expect(events.at(-1)).toMatchObject({ type: "session.ended", reason: "booked" });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const entered = events.flatMap((event) => (event.type === "node.entered" ? [event.nodeId] : []));
    expect(entered).toEqual(["start", "greet", "ask", "intent", "ask-name", "hear-name", "save-name", "confirm", "done"]);
  });

  it("leaves no timer behind after many sessions end", async () => {
    const before = timerCount();
    const batch = Array.from({ length: 20 }, () => connect("sample"));
    await Promise.all(batch.map((client) => client.connected()));
    for (const client of batch) client.say("no thanks");
    await Promise.all(batch.map((client) => client.waitForEvent("disconnect")));
    await endedOnServer();
    for (const client of batch)
      expect(client.timeline().slice(-3)).toEqual([
        "reply:No problem. Have a nice day!",
        "end:declined",
        "disconnect:io server disconnect",
      ]);
    // Socket-level timers (WebSocket close handshakes) wind down a moment after the disconnect; session timers are gone at once.
    await waitUntil(() => timerCount() <= before);
    expect(timerCount()).toBeLessThanOrEqual(before);
    expect(runtime.registry.size).toBe(0);
  });

  it("ends a silent caller with reason timeout through the same path", async () => {
    const client = connect("failing");
    await client.connected();
    await client.waitForEvent("disconnect", 5000);
    expect(client.timeline()).toEqual(["session", "reply:Say anything.", "end:timeout", "disconnect:io server disconnect"]);
    await endedOnServer();
  });

  it("ends a session whose node throws with reason error and a clear message, and keeps serving others", async () => {
    const healthy = connect("sample");
    const failing = connect("failing");
    await Promise.all([healthy.connected(), failing.connected()]);
    await failing.waitForEvent("reply");
    failing.say("hello");
    const end = await failing.waitForEvent("end");
    expect(end.data.reason).toBe("error");
    expect(end.data.message).toMatch(/Setting x failed: .*missing_var/);
    const failed = failing.received.find((event) => event.event === "trace" && event.data.type === "node.failed");
    expect(failed?.data).toMatchObject({ nodeId: "boom" });
    await failing.waitForEvent("disconnect");

    healthy.say("no");
    await healthy.waitForEvent("disconnect");
    expect(healthy.timeline().slice(-2)).toEqual(["end:declined", "disconnect:io server disconnect"]);
  });

  it("ends the session with reason hangup when the caller hangs up or drops", async () => {
    const polite = connect("sample");
    const dropped = connect("sample");
    await Promise.all([polite.connected(), dropped.connected()]);
    await polite.waitForEvent("reply");
    polite.socket.emit("hangup");
    await polite.waitForEvent("disconnect");
    expect(polite.timeline().slice(-2)).toEqual(["end:hangup", "disconnect:io server disconnect"]);
    dropped.close();
    await endedOnServer();
    const reasons = log.flatMap(({ event }) => (event.type === "session.ended" ? [event.reason] : []));
    expect(reasons).toEqual(["hangup", "hangup"]);
  });

  it("lets an operator end a live session by id, with a goodbye", async () => {
    const client = connect("sample");
    await client.connected();
    const { data } = await client.waitForEvent("session");
    expect(runtime.registry.terminate(data.sessionId, "operator", { goodbye: "An operator ended this call." })).toBe(true);
    await client.waitForEvent("disconnect");
    expect(client.timeline().slice(-3)).toEqual(["reply:An operator ended this call.", "end:operator", "disconnect:io server disconnect"]);
    expect(runtime.registry.terminate(data.sessionId, "operator")).toBe(false);
  });
});

describe("refusals", () => {
  const refusal = async (auth: Record<string, unknown>) => {
    const client = new RecordingClient(url, auth);
    clients.push(client);
    const error = await client.connected().then(
      () => null,
      (rejection: Error & { data?: { code: string } }) => rejection,
    );
    return { code: error?.data?.code, message: error?.message };
  };

  it("refuses a missing, malformed, forged or expired token with a clear reason", async () => {
    expect(await refusal({})).toMatchObject({ code: "token_missing", message: expect.stringContaining("token is required") });
    expect(await refusal({ token: "hello" })).toMatchObject({ code: "token_malformed" });
    const forged = (await issueSessionToken({ sub: USER, workspaceId: USER, flowId: "sample" }, "another-secret-another-secret-another-00"))
      .token;
    expect(await refusal({ token: forged })).toMatchObject({ code: "token_bad_signature" });
    const expired = (
      await issueSessionToken({ sub: USER, workspaceId: USER, flowId: "sample" }, SECRET, Math.floor(Date.now() / 1000) - 3600)
    ).token;
    expect(await refusal({ token: expired })).toMatchObject({ code: "token_expired", message: expect.stringContaining("expired") });
    const someoneElses = (await issueSessionToken({ sub: "intruder", workspaceId: "intruder", flowId: "sample" }, SECRET)).token;
    expect(await refusal({ token: someoneElses })).toMatchObject({ code: "flow_not_found" });
    expect(runtime.registry.size).toBe(0);
  });

  it("opens one session per token: a replayed token is refused, as is a token claiming a lifetime over 120 s", async () => {
    const { token, sessionId } = await issueSessionToken({ sub: USER, workspaceId: USER, flowId: "sample" }, SECRET);
    const first = new RecordingClient(url, { token });
    clients.push(first);
    await first.connected();
    expect((await first.waitForEvent("session")).data.sessionId).toBe(sessionId);
    expect(await refusal({ token })).toMatchObject({ code: "token_used", message: expect.stringContaining("used already") });

    const now = Math.floor(Date.now() / 1000);
    const forever = await signedToken({ iat: now, exp: 32503680000 });
    expect(await refusal({ token: forever })).toMatchObject({ code: "token_lifetime" });
    const fromTheFuture = await signedToken({ iat: now + 3600, exp: now + 3700 });
    expect(await refusal({ token: fromTheFuture })).toMatchObject({ code: "token_lifetime" });
    expect(runtime.registry.size).toBe(1);
  });

  it("refuses a caller past the process's capacity with server_busy, as the session runner's limit says", async () => {
    const httpServer = createServer();
    const small = await attachRuntimeServer({ httpServer, lookup, secret: () => SECRET, maxSessions: 1 });
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    const smallUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    try {
      const first = new RecordingClient(smallUrl, {
        token: (await issueSessionToken({ sub: USER, workspaceId: USER, flowId: "sample" }, SECRET)).token,
      });
      clients.push(first);
      await first.connected();
      const second = new RecordingClient(smallUrl, {
        token: (await issueSessionToken({ sub: USER, workspaceId: USER, flowId: "sample" }, SECRET)).token,
      });
      clients.push(second);
      const error = await second.connected().then(
        () => null,
        (rejection: Error & { data?: { code: string } }) => rejection,
      );
      expect(error?.data?.code).toBe("server_busy");
      expect(small.registry.size).toBe(1);
    } finally {
      for (const client of clients.splice(0)) client.close();
      await small.shutdown();
    }
  });

  it("refuses a flow that does not validate", async () => {
    const broken = sampleGraph();
    broken.edges.push({ id: "dangling", source: "greet", sourcePort: "next", target: "nowhere" });
    lookup.put(USER, "broken", broken);
    const { token } = await issueSessionToken({ sub: USER, workspaceId: USER, flowId: "broken" }, SECRET);
    expect(await refusal({ token })).toMatchObject({ code: "flow_invalid" });
  });
});

describe("bad messages", () => {
  it("answers malformed, oversized and unknown messages with error events and keeps the session going", async () => {
    const client = connect("sample");
    await client.connected();
    await client.waitFor((event) => event.event === "trace" && event.data.type === "listen.started");
    client.socket.emit("utterance", "not an object");
    client.socket.emit("utterance", { words: "hi" });
    client.socket.emit("utterance", { text: "   " });
    client.socket.emit("utterance", { text: "x".repeat(10 * 1024 * 1024) });
    client.socket.emit("utterance", Buffer.alloc(1024 * 1024, 7));
    client.socket.emit("utterance", { text: "x".repeat(2001) });
    client.socket.emit("dance", { now: true });
    await client.waitFor((event) => event.event === "error" && event.data.code === "unknown_event");
    expect(client.timeline().filter((entry) => entry.startsWith("error:"))).toEqual([
      "error:invalid_message",
      "error:invalid_message",
      "error:invalid_message",
      "error:message_too_large",
      "error:invalid_message",
      "error:message_too_large",
      "error:unknown_event",
    ]);
    // Every answer is short and says what was expected; a megabyte of binary is not described byte by byte.
    const errors = client.received.flatMap((event) => (event.event === "error" ? [event.data.message] : []));
    for (const message of errors) expect(message.length).toBeLessThanOrEqual(200);
    expect(errors[4]).toBe("utterance expects a JSON object { text: string }, got binary data");
    expect(errors[1]).toContain("no other keys");
    client.say("no");
    await client.waitForEvent("disconnect");
    expect(client.timeline().slice(-2)).toEqual(["end:declined", "disconnect:io server disconnect"]);
  });

  it("checks an utterance's length after trimming, as docs/protocol.md says", async () => {
    const client = connect("sample");
    await client.connected();
    await client.waitFor((event) => event.event === "trace" && event.data.type === "listen.started");
    client.say(`   ${"no ".repeat(666)}no   `);
    await client.waitForEvent("disconnect");
    expect(client.timeline().filter((entry) => entry.startsWith("error:"))).toEqual([]);
    expect(client.timeline().slice(-2)).toEqual(["end:declined", "disconnect:io server disconnect"]);
  });
});
