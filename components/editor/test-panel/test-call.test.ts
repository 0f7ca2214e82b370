import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueSessionToken } from "@/lib/auth/session-token";
import { flowTemplates } from "@/lib/flow/samples";
import { attachRuntimeServer, type RuntimeServer } from "@/lib/server/runtime-server";
import { InMemoryFlowLookup } from "@/lib/testing/in-memory-flow-lookup";
import { NOT_SENT_NOTICE, useRunStore } from "./run-store";
import { WIRE_AUDIO_FORMAT } from "./session-wire";
import { TestCall, type TestSocket } from "./test-call";

const SECRET = "test-secret-test-secret-test-secret-0123";
const USER = "user-1";

let runtime: RuntimeServer;
let url: string;
const calls: TestCall[] = [];

beforeEach(async () => {
  const lookup = new InMemoryFlowLookup();
  lookup.put(USER, "sample", flowTemplates[0]!.graph());
  const httpServer = createServer();
  runtime = await attachRuntimeServer({ httpServer, lookup, secret: () => SECRET });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  useRunStore.getState().reset("starting");
});

afterEach(async () => {
  for (const call of calls.splice(0)) call.close();
  await runtime.shutdown();
});

/** A call to the sample flow, as the test panel opens one (no reconnection). */
function openCall(): { call: TestCall; socket: TestSocket } {
  const signed = issueSessionToken({ sub: USER, workspaceId: USER, flowId: "sample" }, SECRET);
  const auth = (send: (data: object) => void) => void signed.then(({ token }) => send({ token, trace: true }));
  const socket: TestSocket = io(url, { auth, transports: ["websocket"], reconnection: false, forceNew: true });
  const call = new TestCall(socket, () => []);
  calls.push(call);
  return { call, socket };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const listening = () => useRunStore.getState().events.some((event) => event.type === "listen.started");

describe("a test call", () => {
  it("shows a hang-up as ended at once, and the server ends the session with reason hangup", async () => {
    const { call } = openCall();
    await until(listening, "the Listen node");
    expect(useRunStore.getState()).toMatchObject({ status: "running", currentNodeId: "ask" });
    const ended = new Promise<string>((resolve) =>
      runtime.events.subscribe((_id, event) => event.type === "session.ended" && resolve(event.reason)),
    );

    call.hangUp();
    // At once, not when the server answers: ended, nothing lit.
    expect(useRunStore.getState()).toMatchObject({ status: "ended", ended: { reason: "hangup" }, currentNodeId: null });
    expect(await ended).toBe("hangup");
    await runtime.registry.whenEmpty();

    // Typed after the end: not sent, and said so.
    expect(call.say("hello?")).toBe(false);
    expect(useRunStore.getState().notice).toBe(NOT_SENT_NOTICE);
    expect(useRunStore.getState().messages.some((message) => message.text === "hello?")).toBe(false);
  });

  it("takes the server's end, then its disconnect, as one ended call", async () => {
    openCall();
    await until(listening, "the Listen node");
    expect(runtime.registry.terminate(useRunStore.getState().sessionId ?? "", "operator")).toBe(true);
    await until(() => useRunStore.getState().status === "ended", "the end");
    await runtime.registry.whenEmpty();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(useRunStore.getState()).toMatchObject({ status: "ended", ended: { reason: "operator" }, currentNodeId: null });
  });

  it("shows a connection that closes without an end as a lost call, and does not reconnect", async () => {
    const { socket } = openCall();
    await until(listening, "the Listen node");
    runtime.io.disconnectSockets(true);
    await until(() => useRunStore.getState().status === "lost", "the lost call");
    expect(useRunStore.getState()).toMatchObject({ ended: null, currentNodeId: null });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socket.connected).toBe(false);
    expect(runtime.io.of("/").sockets.size).toBe(0);
  });

  it("says in words that a server without speech engines cannot take a call by voice, and what to do", async () => {
    const { token } = await issueSessionToken({ sub: USER, workspaceId: USER, flowId: "sample" }, SECRET);
    const socket: TestSocket = io(url, {
      auth: { token, trace: true, audio: WIRE_AUDIO_FORMAT },
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
    });
    calls.push(new TestCall(socket, () => []));
    await until(() => useRunStore.getState().status === "failed", "the refusal");
    expect(useRunStore.getState().problem).toMatch(/no speech engines.*npm run voices:fetch.*switch to Type/);
  });
});
