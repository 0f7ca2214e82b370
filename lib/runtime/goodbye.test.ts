import { startTestSession } from "../testing/test-session";
import { describe, expect, it } from "vitest";
import { PlayoutTransport } from "../testing/playout-transport";
import type { Handler } from "./handler";
import { EndStream, reply } from "./outputs";
import type { SessionEvent } from "./session-events";

const settle = () => new Promise((resolve) => setImmediate(resolve));

const saysGoodbye: Handler = async function* () {
  yield new EndStream({ reason: "booked", goodbye: "See you on Tuesday. Goodbye!" });
};

function start(handler: Handler, transport: PlayoutTransport) {
  const started = startTestSession(handler, transport, { playoutMarginMs: 1_000, playoutTimeoutMs: 10_000 });
  let ended = false;
  const done = started.done.finally(() => {
    ended = true;
  });
  return { ...started, done, isEnded: () => ended };
}

/** The log from the goodbye on, as `type` or `type:outcome@at`. */
const ending = (log: SessionEvent[]) =>
  log
    .slice(log.findIndex((event) => event.type === "reply" && event.goodbye))
    .map((event) => (event.type === "reply.delivered" ? `${event.type}:${event.outcome}@${event.at}` : `${event.type}@${event.at}`));

describe("the goodbye over voice", () => {
  it("is heard before end and the close: the session waits for the client to confirm its playout, and logs when", async () => {
    const transport = new PlayoutTransport({ durationMs: 2_400 });
    const { clock, log, done, isEnded } = start(saysGoodbye, transport);
    await settle();
    clock.advance(2_000);
    await settle();
    expect(isEnded()).toBe(false);
    expect(transport.records).toEqual([{ type: "reply", text: "See you on Tuesday. Goodbye!" }]);
    clock.advance(450);
    transport.playing.confirm();
    expect(await done).toEqual({ reason: "booked" });
    expect(transport.records.slice(1)).toEqual([{ type: "end", end: { reason: "booked" } }, { type: "close" }]);
    expect(ending(log)).toEqual(["reply@0", "reply.delivered:played@2450", "session.ended@2450"]);
    expect(log.find((event) => event.type === "reply.delivered")).toMatchObject({ goodbye: true, replySeq: 2, playbackPositionMs: 2_400 });
  });

  it("ends within the audio's length plus the margin when the client never confirms, and says it timed out", async () => {
    const transport = new PlayoutTransport({ durationMs: 2_400 });
    const { clock, log, done, isEnded } = start(saysGoodbye, transport);
    await settle();
    clock.advance(3_399);
    await settle();
    expect(isEnded()).toBe(false);
    clock.advance(1);
    expect(await done).toEqual({ reason: "booked" });
    expect(ending(log)).toEqual(["reply@0", "reply.delivered:timed_out@3400", "session.ended@3400"]);
    expect(transport.records.at(-1)).toEqual({ type: "close" });
    expect(clock.pending).toBe(0);
  });

  it("waits for a goodbye synthesised slower than it plays until the margin after its last frame was sent", async () => {
    const transport = new PlayoutTransport({ streamed: true });
    const { clock, log, done, isEnded } = start(saysGoodbye, transport);
    await settle();
    // 2.4 s of audio whose last frame went out after 5 s: it cannot have played out before then.
    clock.advance(5_000);
    transport.playing.synthesised(2_400);
    await settle();
    clock.advance(999);
    await settle();
    expect(isEnded()).toBe(false);
    transport.playing.confirm();
    expect(await done).toEqual({ reason: "booked" });
    expect(ending(log)).toEqual(["reply@0", "reply.delivered:played@5999", "session.ended@5999"]);
  });

  it("times a slow goodbye out the margin after its last frame was sent, not at once", async () => {
    const transport = new PlayoutTransport({ streamed: true });
    const { clock, log, done, isEnded } = start(saysGoodbye, transport);
    await settle();
    clock.advance(5_000);
    transport.playing.synthesised(2_400);
    await settle();
    expect(isEnded()).toBe(false);
    clock.advance(1_000);
    await done;
    expect(ending(log)).toEqual(["reply@0", "reply.delivered:timed_out@6000", "session.ended@6000"]);
  });

  it("ends after the fixed timeout when the transport never learns the audio's length", async () => {
    const transport = new PlayoutTransport();
    const { clock, log, done } = start(saysGoodbye, transport);
    await settle();
    clock.advance(10_000);
    await done;
    expect(ending(log)).toEqual(["reply@0", "reply.delivered:timed_out@10000", "session.ended@10000"]);
  });

  it("ends at once when the caller hangs up during the goodbye, keeping the reason the End gave", async () => {
    const transport = new PlayoutTransport({ durationMs: 60_000 });
    const { session, clock, log, done } = start(saysGoodbye, transport);
    await settle();
    clock.advance(500);
    session.receive({ type: "hangup" });
    expect(await done).toEqual({ reason: "booked" });
    expect(transport.playing.interruptRequests).toBe(1);
    expect(ending(log)).toEqual(["reply@0", "reply.delivered:abandoned@500", "session.ended@500"]);
    expect(transport.records.slice(-2)).toEqual([{ type: "end", end: { reason: "booked" } }, { type: "close" }]);
    expect(clock.pending).toBe(0);
  });

  it("is not interruptible: the caller speaking over it does not cut it", async () => {
    const transport = new PlayoutTransport({ durationMs: 1_000, heardWhenInterruptedMs: 10 });
    const { session, log, done } = start(saysGoodbye, transport);
    await settle();
    session.receive({ type: "speech.started" });
    await settle();
    expect(transport.playing.interruptRequests).toBe(0);
    transport.playing.confirm();
    await done;
    expect(log.map((event) => event.type)).not.toContain("speech.started");
    expect(log.find((event) => event.type === "reply.delivered")).toMatchObject({ outcome: "played" });
  });

  it("of an operator stops the reply being played first, which the log marks abandoned", async () => {
    const handler: Handler = async function* (call) {
      await call.deliver(reply("Let me read you the whole list…"));
      yield new EndStream();
    };
    const transport = new PlayoutTransport({ durationMs: 30_000 });
    const { session, log, done } = start(handler, transport);
    await settle();
    session.terminate("operator", { goodbye: "An operator ended this call." });
    await settle();
    expect(transport.playouts.map((playout) => playout.interruptRequests)).toEqual([1, 0]);
    transport.playing.confirm();
    expect(await done).toEqual({ reason: "operator" });
    expect(transport.replies).toEqual(["Let me read you the whole list…", "An operator ended this call."]);
    expect(log.filter((event) => event.type === "reply.delivered").map((event) => event.outcome)).toEqual(["abandoned", "played"]);
  });
});
