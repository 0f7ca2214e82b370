import { afterEach, describe, expect, it, vi } from "vitest";
import type { Handler } from "./handler";
import { EndStream, reply } from "./outputs";
import { RuntimeEvents } from "./session-events";
import { SessionRegistry } from "./session-registry";
import { SessionOpenError, SessionRunner, type SessionOpener, type SessionRunnerOptions } from "./session-runner";
import { MemoryTransport } from "./transports/memory";

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Says hello, then ends with what it hears. */
const hello: Handler = async function* (call) {
  yield reply("Hello");
  const heard = await call.listen({ timeoutMs: 60_000 });
  yield new EndStream({ reason: heard.type === "utterance" ? heard.text : "timeout" });
};

const opener: SessionOpener = async ({ token }) => {
  if (token !== "good") throw new SessionOpenError("token_bad_signature", "Not ours");
  return { sessionId: "call-1", source: { kind: "code", name: "hello" }, userId: "u-1", handler: hello };
};

function runner(options: Partial<SessionRunnerOptions> = {}) {
  const registry = new SessionRegistry();
  const events = new RuntimeEvents();
  return { registry, events, runner: new SessionRunner({ open: opener, events, registry, ...options }) };
}

const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof SessionOpenError ? { code: error.code, message: error.message } : error),
  );

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the session runner", () => {
  it("admits a caller for a transport, hosts its session in the registry while it runs, and lets it go at the end", async () => {
    const { registry, runner: hosting } = runner();
    const admitted = await hosting.admit("memory", { token: "good" });
    expect(admitted.meta).toEqual({ sessionId: "call-1", source: { kind: "code", name: "hello" }, transport: "memory", userId: "u-1" });
    const transport = new MemoryTransport();
    const { session, run } = hosting.host(admitted, transport);
    expect(registry.get("call-1")).toBe(session);
    const ended = run();
    await settle();
    session.receive({ type: "utterance", text: "done" });
    expect(await ended).toEqual({ reason: "done" });
    expect(registry.size).toBe(0);
    expect(transport.records.map((record) => record.type)).toEqual(["reply", "end", "close"]);
  });

  it("refuses past its capacity, before asking the opener", async () => {
    const open = vi.fn(opener);
    const { runner: hosting } = runner({ open, maxSessions: 1 });
    hosting.host(await hosting.admit("memory", { token: "good" }), new MemoryTransport());
    expect(await refusalOf(hosting.admit("memory", { token: "good" }))).toMatchObject({ code: "server_busy" });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it("passes on the opener's refusal, and refuses a claimed id as token_used", async () => {
    const claimed = new Set<string>();
    const { runner: hosting } = runner({ claim: async ({ sessionId }) => !claimed.has(sessionId) && Boolean(claimed.add(sessionId)) });
    expect(await refusalOf(hosting.admit("memory", { token: "forged" }))).toEqual({ code: "token_bad_signature", message: "Not ours" });
    await hosting.admit("memory", { token: "good" });
    expect(await refusalOf(hosting.admit("memory", { token: "good" }))).toMatchObject({ code: "token_used" });
  });

  it("logs an unexpected failure and refuses it as internal_error without its details", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { runner: hosting } = runner({
      open: async () => {
        throw new Error("connection to 10.0.0.7 refused");
      },
    });
    const refusal = await refusalOf(hosting.admit("memory", { token: "good" }));
    expect(refusal).toEqual({ code: "internal_error", message: "The session could not be opened; the server logged why" });
    expect(logged).toHaveBeenCalledOnce();
  });

  it("makes an id when the opener names none, and runs a session only over the transport it was admitted for", async () => {
    const { runner: hosting } = runner({
      newSessionId: () => "made-up",
      open: async () => ({ source: { kind: "code", name: "anonymous" }, handler: hello }),
    });
    const admitted = await hosting.admit("livekit", { token: undefined });
    expect(admitted.meta).toEqual({ sessionId: "made-up", source: { kind: "code", name: "anonymous" }, transport: "livekit" });
    expect(() => hosting.host(admitted, new MemoryTransport())).toThrow(/admitted for livekit cannot run over memory/);
  });

  it("gives each session the limits it was made with", async () => {
    const { runner: hosting } = runner({ limits: { maxQueuedUtterances: 1 } });
    const { session, run } = hosting.host(await hosting.admit("memory", { token: "good" }), new MemoryTransport());
    const ended = run();
    // The handler is busy delivering "Hello" and has not listened yet: the second utterance finds the queue full.
    session.receive({ type: "utterance", text: "one" });
    expect(() => session.receive({ type: "utterance", text: "two" })).toThrow(expect.objectContaining({ code: "busy" }) as Error);
    expect(await ended).toEqual({ reason: "one" });
  });
});
