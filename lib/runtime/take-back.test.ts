import { describe, expect, it } from "vitest";
import type { FlowGraph, FlowNode } from "../flow/schema";
import { PlayoutTransport } from "../testing/playout-transport";
import { startTestSession } from "../testing/test-session";
import { compileFlow } from "./compile-flow";
import { TurnRetractedError } from "./errors";
import { flowHandler } from "./flow-handler";
import type { Handler } from "./handler";
import { EndStream, reply } from "./outputs";
import type { SessionEvent } from "./session-events";

/*
 * A voice pipeline answers an expected phrase at a short pause, before the Listen's own silence has passed; should
 * the caller go on ("No, | I'd like to book an appointment."), it takes the answer back (`utterance.retracted`) and
 * sends the whole turn. These pin what the session and a flow do with that (turn-settling.ts).
 */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const at = { x: 0, y: 0 };

/** start → greet → hear (as `answer`) → "book"? ask the name → name → End booked; else End declined, "Goodbye." */
function bookingFlow(): FlowGraph {
  const nodes: FlowNode[] = [
    { id: "start", kind: "start", position: at, data: {} },
    { id: "greet", kind: "say", position: at, data: { text: "Would you like to book?" } },
    { id: "hear", kind: "listen", position: at, data: { timeoutSeconds: 30, variable: "answer" } },
    { id: "wants", kind: "branch", position: at, data: { conditions: [{ id: "book", match: { type: "phrases", phrases: ["book"] } }] } },
    { id: "ask-name", kind: "say", position: at, data: { text: "What name?" } },
    { id: "name", kind: "listen", position: at, data: { timeoutSeconds: 30, variable: "name" } },
    { id: "booked", kind: "end", position: at, data: { reason: "booked", goodbye: "Booked for {{name}}, you said {{answer}}." } },
    { id: "declined", kind: "end", position: at, data: { reason: "declined", goodbye: "Goodbye." } },
  ];
  return {
    schemaVersion: 1,
    nodes,
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "greet" },
      { id: "e2", source: "greet", sourcePort: "next", target: "hear" },
      { id: "e3", source: "hear", sourcePort: "heard", target: "wants" },
      { id: "e4", source: "wants", sourcePort: "book", target: "ask-name" },
      { id: "e5", source: "wants", sourcePort: "else", target: "declined" },
      { id: "e6", source: "ask-name", sourcePort: "next", target: "name" },
      { id: "e7", source: "name", sourcePort: "heard", target: "booked" },
    ],
  };
}

function call() {
  const transport = new PlayoutTransport({ durationMs: 2_000, heardWhenInterruptedMs: 400 });
  const started = startTestSession(flowHandler(compileFlow(bookingFlow())), transport, { playoutMarginMs: 500, settleTimeoutMs: 6_000 });
  return { ...started, transport };
}

/** The greeting played: the flow waits at `hear`. */
async function greeted(transport: PlayoutTransport): Promise<void> {
  await settle();
  transport.playing.confirm();
  await settle();
}

const exits = (log: SessionEvent[]) => log.flatMap((event) => (event.type === "node.exited" ? [`${event.nodeId}:${event.port}`] : []));
const ended = (log: SessionEvent[]) => log.find((event) => event.type === "session.ended");

describe("an answer taken back because the caller went on", () => {
  it("stops the reply to it, even one not interruptible, and goes back to the Listen as it was", async () => {
    const { session, transport, log, clock, done } = call();
    await greeted(transport);
    session.receive({ type: "utterance", text: "book", provisional: true });
    await settle();
    expect(transport.replies).toEqual(["Would you like to book?", "What name?"]);
    session.receive({ type: "utterance.retracted" });
    await settle();
    expect(transport.playing.interruptRequests).toBe(1);
    session.receive({ type: "utterance", text: "book no I'd rather not" });
    await settle();
    // The branch's phrase still matches: the same path, with the whole answer stored this time.
    expect(transport.replies).toEqual(["Would you like to book?", "What name?", "What name?"]);
    transport.playing.confirm();
    await settle();
    session.receive({ type: "utterance", text: "Sam" });
    await settle();
    transport.playing.confirm();
    await done;
    expect(transport.replies.at(-1)).toBe("Booked for Sam, you said book no I'd rather not.");
    expect(exits(log)).toEqual([
      "start:next",
      "greet:next",
      "hear:heard",
      "wants:book",
      "hear:heard",
      "wants:book",
      "ask-name:next",
      "name:heard",
      "booked:null",
    ]);
    expect(log.map((event) => event.type)).toContain("utterance.retracted");
    expect(log.find((event) => event.type === "reply.delivered" && event.outcome === "interrupted")).toMatchObject({
      playbackPositionMs: 400,
    });
    expect(clock.pending).toBe(0);
  });

  it("takes back an answer the flow has gone past to the next Listen, and hears the whole turn at the first", async () => {
    const { session, transport, log, done } = call();
    await greeted(transport);
    session.receive({ type: "utterance", text: "book", provisional: true });
    await settle();
    transport.playing.confirm();
    await settle();
    // Waiting for the name now.
    session.receive({ type: "utterance.retracted" });
    session.receive({ type: "utterance", text: "no not today" });
    await settle();
    transport.playing.confirm();
    await done;
    expect(transport.replies).toEqual(["Would you like to book?", "What name?", "Goodbye."]);
    expect(ended(log)).toMatchObject({ reason: "declined" });
    // The name Listen was left unanswered: the first one heard the whole turn.
    expect(exits(log).slice(-3)).toEqual(["hear:heard", "wants:else", "declined:null"]);
  });

  it("waits before a goodbye for the answer to settle, and says it once settled", async () => {
    const { session, transport, log, clock, done } = call();
    await greeted(transport);
    session.receive({ type: "utterance", text: "no", provisional: true });
    await settle();
    // A goodbye cannot be taken back.
    expect(transport.replies).toEqual(["Would you like to book?"]);
    session.receive({ type: "utterance.settled" });
    await settle();
    expect(transport.replies).toEqual(["Would you like to book?", "Goodbye."]);
    transport.playing.confirm();
    await done;
    expect(ended(log)).toMatchObject({ reason: "declined" });
    expect(clock.pending).toBe(0);
  });

  it("takes an answer back during the wait before a goodbye, which is never said", async () => {
    const { session, transport, log, done } = call();
    await greeted(transport);
    session.receive({ type: "utterance", text: "no", provisional: true });
    await settle();
    session.receive({ type: "utterance.retracted" });
    session.receive({ type: "utterance", text: "no wait I want to book" });
    await settle();
    expect(transport.replies).toEqual(["Would you like to book?", "What name?"]);
    session.receive({ type: "hangup" });
    await done;
    expect(ended(log)).toMatchObject({ reason: "hangup" });
  });

  it("ends at once when the caller hangs up during the wait before a goodbye", async () => {
    const { session, transport, log, clock, done } = call();
    await greeted(transport);
    session.receive({ type: "utterance", text: "no", provisional: true });
    await settle();
    session.receive({ type: "hangup" });
    await done;
    expect(transport.replies).toEqual(["Would you like to book?"]);
    expect(ended(log)).toMatchObject({ reason: "hangup" });
    expect(clock.pending).toBe(0);
  });

  it("takes back an answer though the next Listen timed out meanwhile", async () => {
    const transport = new PlayoutTransport({ durationMs: 100 });
    const graph = bookingFlow();
    const name = graph.nodes.find((node) => node.id === "name")!;
    if (name.kind === "listen") name.data.timeoutSeconds = 1;
    graph.edges.push({ id: "e8", source: "name", sourcePort: "timeout", target: "ask-name" });
    const { session, clock, log, done } = startTestSession(flowHandler(compileFlow(graph)), transport, { playoutMarginMs: 500 });
    await greeted(transport);
    session.receive({ type: "utterance", text: "book", provisional: true });
    await settle();
    transport.playing.confirm();
    await settle();
    // A Listen may set a 5 s silence and a 1 s timeout: the timeout can come first.
    clock.advance(1_000);
    await settle();
    transport.playing.confirm();
    await settle();
    session.receive({ type: "utterance.retracted" });
    session.receive({ type: "utterance", text: "no thanks" });
    await settle();
    transport.playing.confirm();
    await done;
    expect(exits(log)).toContain("name:timeout");
    expect(ended(log)).toMatchObject({ reason: "declined" });
  });

  it("bounds the wait before a goodbye when the answer is never settled", async () => {
    const { session, transport, clock, done } = call();
    await greeted(transport);
    session.receive({ type: "utterance", text: "no", provisional: true });
    await settle();
    clock.advance(5_999);
    await settle();
    expect(transport.replies).toEqual(["Would you like to book?"]);
    clock.advance(1);
    await settle();
    expect(transport.replies).toEqual(["Would you like to book?", "Goodbye."]);
    // Too late now: the goodbye is being said.
    session.receive({ type: "utterance.retracted" });
    transport.playing.confirm();
    await done;
    expect(clock.pending).toBe(0);
  });

  it("drops a taken-back answer that was still queued: the flow never saw it", async () => {
    const { session, transport, log, done } = call();
    await settle();
    // The caller answers during the greeting; the flow is not listening yet.
    session.receive({ type: "utterance", text: "no", provisional: true });
    session.receive({ type: "utterance.retracted" });
    session.receive({ type: "utterance", text: "no I mean book" });
    transport.playing.confirm();
    await settle();
    expect(transport.replies).toEqual(["Would you like to book?", "What name?"]);
    session.receive({ type: "hangup" });
    await done;
    expect(exits(log)).toEqual(["start:next", "greet:next", "hear:heard", "wants:book"]);
    // Nothing was said in answer to it: the greeting it came during played on.
    expect(transport.playouts[0]!.interruptRequests).toBe(0);
    expect(log.filter((event) => event.type === "utterance").map((event) => event.type === "utterance" && event.text)).toEqual([
      "no",
      "no I mean book",
    ]);
  });

  it("keeps the newest queued answer provisional when an older one is taken first", async () => {
    const transport = new PlayoutTransport({ durationMs: 100 });
    const heard: unknown[] = [];
    const handler: Handler = async function* (call) {
      await call.deliver(reply("Hello."));
      heard.push(await call.listen({ timeoutMs: 10_000 }));
      heard.push(await call.listen({ timeoutMs: 10_000 }));
      yield new EndStream();
    };
    const { session, done } = startTestSession(handler, transport, { playoutMarginMs: 500 });
    await settle();
    // Both come while the greeting plays: a typed line, then a spoken answer given early.
    session.receive({ type: "utterance", text: "hi" });
    session.receive({ type: "utterance", text: "no", provisional: true });
    transport.playing.confirm();
    await done;
    expect(heard).toEqual([
      { type: "utterance", text: "hi" },
      { type: "utterance", text: "no", provisional: true },
    ]);
  });

  it("says the goodbye at once for a queued answer settled before the flow heard it", async () => {
    const { session, transport, done } = call();
    await settle();
    session.receive({ type: "utterance", text: "no", provisional: true });
    session.receive({ type: "utterance.settled" });
    transport.playing.confirm();
    await settle();
    expect(transport.replies).toEqual(["Would you like to book?", "Goodbye."]);
    transport.playing.confirm();
    await done;
  });

  it("leaves a reply that was playing before the answer was heard: only the replies to it stop", async () => {
    const transport = new PlayoutTransport({ durationMs: 2_000, heardWhenInterruptedMs: 400 });
    const handler: Handler = async function* (call) {
      // A notice that plays on while the bot listens (not awaited), then an answer to what is heard.
      const notice = call.deliver(reply("This call may be recorded."));
      for (;;) {
        try {
          const heard = await call.listen({ timeoutMs: 10_000 });
          if (heard.type === "utterance") await call.deliver(reply(`You said ${heard.text}.`));
          await notice;
          yield new EndStream();
          return;
        } catch (error) {
          if (!(error instanceof TurnRetractedError)) throw error;
        }
      }
    };
    const { session, done } = startTestSession(handler, transport, { playoutMarginMs: 500 });
    await settle();
    session.receive({ type: "utterance", text: "no", provisional: true });
    await settle();
    expect(transport.replies).toEqual(["This call may be recorded.", "You said no."]);
    session.receive({ type: "utterance.retracted" });
    await settle();
    expect(transport.playouts.map((playout) => playout.interruptRequests)).toEqual([0, 1]);
    session.receive({ type: "utterance", text: "no I want to book" });
    await settle();
    transport.playing.confirm();
    transport.playouts[0]!.confirm();
    await done;
    expect(transport.replies).toEqual(["This call may be recorded.", "You said no.", "You said no I want to book."]);
  });

  it("ignores a take-back of an answer that was final, and one that came after the caller hung up", async () => {
    const { session, transport, log, done } = call();
    await greeted(transport);
    session.receive({ type: "utterance", text: "book" });
    await settle();
    session.receive({ type: "utterance.retracted" });
    await settle();
    expect(transport.playing.interruptRequests).toBe(0);
    session.receive({ type: "hangup" });
    session.receive({ type: "utterance.retracted" });
    await done;
    expect(log.map((event) => event.type)).not.toContain("utterance.retracted");
    expect(session.hasPendingTimer).toBe(false);
  });
});
