import { echoBot } from "../testing/echo-bot";
import { startTestSession } from "../testing/test-session";
import { describe, expect, it } from "vitest";
import type { Handler } from "./handler";
import { SessionClosedError } from "./errors";
import { EndStream, reply, trace } from "./outputs";
import { RuntimeEvents } from "./session-events";
import { Session } from "./session";
import { MemoryTransport } from "./transports/memory";

const run = (handler: Handler, options: { deliveryDelayMs?: number } = {}) => startTestSession(handler, new MemoryTransport(options));

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("a code-defined handler", () => {
  it("runs through the same End path as a visual flow", async () => {
    const { session, transport, done } = run(echoBot);
    await settle();
    session.receive({ type: "utterance", text: "hello" });
    await settle();
    session.receive({ type: "utterance", text: "ok bye" });
    expect(await done).toEqual({ reason: "completed" });
    expect(transport.records).toEqual([
      { type: "reply", text: "Hi! Say something, or 'bye' to finish." },
      { type: "reply", text: "You said: hello" },
      { type: "reply", text: "Goodbye!" },
      { type: "end", end: { reason: "completed" } },
      { type: "close" },
    ]);
  });

  it("queues utterances that arrive while the handler is busy", async () => {
    const { session, transport, done } = run(echoBot, { deliveryDelayMs: 5 });
    session.receive({ type: "utterance", text: "one" });
    session.receive({ type: "utterance", text: "two" });
    session.receive({ type: "utterance", text: "bye" });
    await done;
    expect(transport.replies).toEqual(["Hi! Say something, or 'bye' to finish.", "You said: one", "You said: two", "Goodbye!"]);
  });

  it("logs call.trace and call.deliver in order with yielded outputs", async () => {
    const handler: Handler = async function* (call) {
      call.trace({ type: "listen.timeout" });
      yield trace({ type: "node.entered", nodeId: "a", kind: "say" });
      await call.deliver(reply("direct"));
      yield reply("yielded");
      call.trace({ type: "node.exited", nodeId: "a", port: "next" });
      yield new EndStream();
    };
    const { transport, done, log } = run(handler, { deliveryDelayMs: 2 });
    await done;
    expect(log.map((event) => event.type)).toEqual([
      "session.started",
      "listen.timeout",
      "node.entered",
      "reply",
      "reply.delivered",
      "reply",
      "reply.delivered",
      "node.exited",
      "session.ended",
    ]);
    expect(transport.replies).toEqual(["direct", "yielded"]);
  });

  it("stamps each event with the clock as of its burst, even when the clock moved while the handler waited", async () => {
    const handler: Handler = async function* (call) {
      call.trace({ type: "node.entered", nodeId: "a", kind: "listen" });
      await call.listen({ timeoutMs: 1000 });
      call.trace({ type: "listen.timeout", nodeId: "a" });
      yield new EndStream();
    };
    const { clock, done, log } = run(handler);
    await settle();
    clock.advance(1000);
    await done;
    expect(log.map((event) => [event.type, event.at])).toEqual([
      ["session.started", 0],
      ["node.entered", 0],
      ["listen.timeout", 1000],
      ["session.ended", 1000],
    ]);
  });

  it("delivers at once over a transport that does (nothing to await), and refuses delivery once the session has ended", async () => {
    const results: unknown[] = [];
    let failure: unknown = null;
    const late: { deliver?: () => void } = {};
    const handler: Handler = async function* (call) {
      results.push(call.deliver(reply("at once")));
      late.deliver = () => {
        try {
          call.deliver(reply("too late"));
        } catch (error) {
          failure = error;
        }
      };
      yield new EndStream();
    };
    const { transport, done } = run(handler);
    await done;
    late.deliver?.();
    expect(results).toEqual([undefined]);
    expect(failure).toBeInstanceOf(SessionClosedError);
    expect(transport.replies).toEqual(["at once"]);
  });

  it("stops a handler waiting on call.deliver when the caller hangs up, and drops its later traces", async () => {
    let failure: unknown = null;
    const handler: Handler = async function* (call) {
      try {
        await call.deliver(reply("a long sentence"));
      } catch (error) {
        failure = error;
      }
      call.trace({ type: "listen.timeout" });
      yield reply("never");
    };
    const { session, done, log } = run(handler, { deliveryDelayMs: 50 });
    await settle();
    session.receive({ type: "hangup" });
    expect(await done).toEqual({ reason: "hangup" });
    expect(failure).toBeInstanceOf(SessionClosedError);
    expect(log.map((event) => event.type)).toEqual(["session.started", "reply", "reply.delivered", "session.ended"]);
    expect(log[2]).toMatchObject({ type: "reply.delivered", replySeq: 2, outcome: "abandoned" });
  });
});

describe("the End contract", () => {
  it("waits for the goodbye to be delivered before sending end and closing", async () => {
    const order: string[] = [];
    const slowTransport = new MemoryTransport();
    slowTransport.deliver = (message) => ({
      finished: new Promise((resolve) =>
        setTimeout(() => {
          order.push(`delivered:${message.text}`);
          resolve({ interrupted: false, playbackPositionMs: 30 });
        }, 30),
      ),
      interrupt: () => undefined,
    });
    slowTransport.sendEnd = async (end) => void order.push(`end:${end.reason}`);
    slowTransport.close = async () => void order.push("close");
    const handler: Handler = async function* () {
      yield new EndStream({ reason: "completed", goodbye: "Bye now" });
    };
    const session = new Session({
      meta: { sessionId: "s", source: { kind: "code", name: "t" }, transport: "memory" },
      handler,
      transport: slowTransport,
      events: new RuntimeEvents(),
    });
    await session.run();
    expect(order).toEqual(["delivered:Bye now", "end:completed", "close"]);
    expect(session.state).toBe("ended");
  });

  it("ends on hang-up while listening, clears the timer and runs the handler's finally", async () => {
    let cleanedUp = false;
    const handler: Handler = async function* (call) {
      try {
        yield reply("Listening");
        await call.listen({ timeoutMs: 60_000 });
        yield reply("never");
      } finally {
        cleanedUp = true;
      }
    };
    const { session, transport, clock, done, log } = run(handler);
    await settle();
    expect(clock.pending).toBe(1);
    session.receive({ type: "hangup" });
    expect(await done).toEqual({ reason: "hangup" });
    expect(clock.pending).toBe(0);
    await settle();
    expect(cleanedUp).toBe(true);
    expect(transport.replies).toEqual(["Listening"]);
    expect(log.at(-1)).toMatchObject({ type: "session.ended", reason: "hangup" });
  });

  it("ends a handler that is stuck elsewhere when an operator terminates it", async () => {
    const handler: Handler = async function* () {
      yield reply("thinking…");
      await new Promise(() => undefined); // e.g. a slow external call that never returns
    };
    const { session, transport, done } = run(handler);
    await settle();
    session.terminate("operator", { goodbye: "An operator ended this call." });
    expect(await done).toEqual({ reason: "operator" });
    expect(transport.records.slice(-3)).toEqual([
      { type: "reply", text: "An operator ended this call." },
      { type: "end", end: { reason: "operator" } },
      { type: "close" },
    ]);
  });

  it("turns a thrown error into reason error with its message", async () => {
    const handler: Handler = async function* () {
      yield reply("about to fail");
      throw new Error("database unreachable");
    };
    const { done, transport } = run(handler);
    expect(await done).toEqual({ reason: "error", message: "database unreachable" });
    expect(transport.records.at(-1)).toEqual({ type: "close" });
  });

  it("refuses input after the session ended and ignores a second terminate", async () => {
    const handler: Handler = async function* () {
      yield new EndStream();
    };
    const { session, done } = run(handler);
    await done;
    expect(() => session.receive({ type: "utterance", text: "hello?" })).toThrow(/not listening/);
    session.terminate("operator");
    expect(session.end).toEqual({ reason: "completed" });
  });

  it("numbers the log without gaps from session.started to session.ended", async () => {
    const { session, done, log } = run(echoBot);
    await settle();
    session.receive({ type: "utterance", text: "bye" });
    await done;
    expect(log.map((event) => event.seq)).toEqual(log.map((_, index) => index + 1));
    expect(log[0]?.type).toBe("session.started");
    expect(log.at(-1)?.type).toBe("session.ended");
  });
});
