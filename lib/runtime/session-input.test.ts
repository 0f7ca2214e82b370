import { startTestSession } from "../testing/test-session";
import { describe, expect, it } from "vitest";
import type { Handler } from "./handler";
import { EndStream, reply } from "./outputs";
import type { SessionEvent } from "./session-events";
import { InputRejectedError } from "./session-input";
import { MemoryTransport } from "./transports/memory";

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Listens once with `timeoutMs`, then says what it heard (or that it heard nothing) and ends. */
function listenOnce(timeoutMs: number): Handler {
  return async function* (call) {
    const heard = await call.listen({ timeoutMs });
    yield reply(heard.type === "timeout" ? "timed out" : `heard ${heard.text}`);
    yield new EndStream({ reason: heard.type === "timeout" ? "timeout" : "completed" });
  };
}

const start = (handler: Handler, options: { maxQueuedUtterances?: number } = {}) =>
  startTestSession(handler, new MemoryTransport({ keepTraces: true }), options);

const voiceEvents = (log: SessionEvent[]) =>
  log.flatMap((event) => {
    if (event.type === "transcript.partial" || event.type === "utterance") return [`${event.type}:${event.text}@${event.at}`];
    if (event.type === "speech.started" || event.type === "speech.ended") return [`${event.type}@${event.at}`];
    return [];
  });

describe("caller input as a stream of events", () => {
  it("completes a listen only on a final transcript; speech and partials are logged and traced on the way", async () => {
    const { session, clock, transport, log, done } = start(listenOnce(10_000));
    await settle();
    // Each event in a tick of its own, as they come from a socket: the log's clock is read once per tick.
    session.receive({ type: "speech.started" });
    clock.advance(300);
    await settle();
    session.receive({ type: "transcript.partial", text: "I'd like" });
    clock.advance(300);
    await settle();
    session.receive({ type: "transcript.partial", text: "I'd like to book" });
    clock.advance(200);
    await settle();
    session.receive({ type: "speech.ended" });
    await settle();
    expect(session.state).toBe("running");
    session.receive({ type: "utterance", text: "I'd like to book" });
    expect(await done).toEqual({ reason: "completed" });
    expect(transport.replies).toEqual(["heard I'd like to book"]);
    const expected = [
      "speech.started@0",
      "transcript.partial:I'd like@300",
      "transcript.partial:I'd like to book@600",
      "speech.ended@800",
      "utterance:I'd like to book@800",
    ];
    expect(voiceEvents(log)).toEqual(expected);
    expect(voiceEvents(transport.traces)).toEqual(expected);
  });

  it("stops a listen's timeout while the caller speaks and gives it its full length again when they stop", async () => {
    const { session, clock, done } = start(listenOnce(10_000));
    await settle();
    clock.advance(9_000);
    session.receive({ type: "speech.started" });
    // Speaking past the deadline does not time the listen out.
    clock.advance(5_000);
    await settle();
    expect(session.state).toBe("running");
    session.receive({ type: "speech.ended" });
    clock.advance(9_999);
    await settle();
    expect(session.state).toBe("running");
    clock.advance(1);
    expect(await done).toEqual({ reason: "timeout" });
    expect(clock.now()).toBe(24_000);
    expect(clock.pending).toBe(0);
  });

  it("starts a listen paused when the caller is already speaking (they talked over the reply)", async () => {
    const handler: Handler = async function* (call) {
      await call.deliver(reply("Hello"));
      const heard = await call.listen({ timeoutMs: 1_000 });
      yield new EndStream({ reason: heard.type });
    };
    const { session, clock, done } = start(handler);
    session.receive({ type: "speech.started" });
    await settle();
    clock.advance(60_000);
    await settle();
    expect(session.state).toBe("running");
    session.receive({ type: "speech.ended" });
    clock.advance(1_000);
    expect(await done).toEqual({ reason: "timeout" });
  });

  it("logs partials at most every 250 ms, and never the same text twice", async () => {
    const { session, clock, log, done } = start(listenOnce(10_000));
    await settle();
    session.receive({ type: "speech.started" });
    for (const [ms, text] of [
      [0, "I"],
      [100, "I would"],
      [100, "I would like"],
      [100, "I would like"],
      [300, "I would like"],
      [0, "I would like a"],
    ] as const) {
      clock.advance(ms);
      await settle();
      session.receive({ type: "transcript.partial", text });
    }
    clock.advance(250);
    await settle();
    session.receive({ type: "transcript.partial", text: "I would like a slot" });
    session.receive({ type: "speech.ended" });
    session.receive({ type: "utterance", text: "I would like a slot" });
    await done;
    expect(voiceEvents(log)).toEqual([
      "speech.started@0",
      "transcript.partial:I@0",
      "transcript.partial:I would like@300",
      "transcript.partial:I would like a@600",
      "transcript.partial:I would like a slot@850",
      "speech.ended@850",
      "utterance:I would like a slot@850",
    ]);
  });

  it("logs a speech.started only once per stretch of speech and a speech.ended only after one", async () => {
    const { session, log, done } = start(listenOnce(10_000));
    await settle();
    session.receive({ type: "speech.ended" });
    session.receive({ type: "speech.started" });
    session.receive({ type: "speech.started" });
    session.receive({ type: "speech.ended" });
    session.receive({ type: "speech.ended" });
    session.receive({ type: "utterance", text: "yes" });
    await done;
    expect(voiceEvents(log)).toEqual(["speech.started@0", "speech.ended@0", "utterance:yes@0"]);
  });

  it("bounds only the utterances waiting for a listen: partials and voice activity never queue", async () => {
    const { session, done } = start(
      async function* (call) {
        await new Promise(() => undefined);
        await call.listen({ timeoutMs: 1 });
      },
      { maxQueuedUtterances: 2 },
    );
    session.receive({ type: "utterance", text: "one" });
    session.receive({ type: "utterance", text: "two" });
    let refusal: unknown;
    try {
      session.receive({ type: "utterance", text: "three" });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(InputRejectedError);
    expect(refusal).toMatchObject({ code: "busy" });
    for (let index = 0; index < 100; index += 1) {
      session.receive({ type: "speech.started" });
      session.receive({ type: "transcript.partial", text: `word ${index}` });
      session.receive({ type: "speech.ended" });
    }
    session.receive({ type: "hangup" });
    expect(await done).toEqual({ reason: "hangup" });
  });

  it("drops voice events once the session has ended, and refuses an utterance with session_not_running", async () => {
    const { session, log, done } = start(listenOnce(10_000));
    await settle();
    session.receive({ type: "utterance", text: "bye" });
    await done;
    const logged = log.length;
    session.receive({ type: "speech.started" });
    session.receive({ type: "transcript.partial", text: "hello?" });
    session.receive({ type: "speech.ended" });
    expect(log).toHaveLength(logged);
    expect(() => session.receive({ type: "utterance", text: "hello?" })).toThrow(
      expect.objectContaining({ code: "session_not_running" }) as Error,
    );
  });
});
