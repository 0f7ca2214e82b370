import { startTestSession } from "../testing/test-session";
import { describe, expect, it } from "vitest";
import type { FlowGraph, FlowNode } from "../flow/schema";
import { validateFlowGraph } from "../flow/validate";
import { PlayoutTransport } from "../testing/playout-transport";
import { compileFlow } from "./compile-flow";
import { flowHandler } from "./flow-handler";
import type { Handler } from "./handler";
import { EndStream, reply, type Reply } from "./outputs";
import type { Delivery } from "./playout";
import type { SessionEvent } from "./session-events";

const settle = () => new Promise((resolve) => setImmediate(resolve));

const start = (handler: Handler, transport: PlayoutTransport) =>
  startTestSession(handler, transport, { playoutMarginMs: 500, playoutTimeoutMs: 5_000 });

const interruptible = (text: string): Reply => ({ type: "reply", text, interruptible: true });

/** Delivers each reply through call.deliver, keeps what it learned, and ends. */
function delivering(replies: Reply[], deliveries: Array<Delivery | undefined>): Handler {
  return async function* (call) {
    for (const each of replies) deliveries.push(await call.deliver(each));
    yield new EndStream();
  };
}

const delivered = (log: SessionEvent[]) => log.filter((event) => event.type === "reply.delivered");

describe("a reply the caller hears", () => {
  it("takes one delivery path whether yielded or passed to call.deliver, and both learn how it went", async () => {
    const seen: unknown[] = [];
    const handler = async function* (call: Parameters<Handler>[0]): AsyncGenerator<Reply | EndStream, void, Delivery | undefined> {
      seen.push(yield reply("yielded"));
      seen.push(await call.deliver(reply("passed")));
      yield new EndStream();
    };
    const transport = new PlayoutTransport({ durationMs: 800 });
    const { log, done } = start(handler, transport);
    await settle();
    transport.playing.confirm();
    await settle();
    transport.playing.confirm();
    await done;
    expect(seen).toEqual([
      { outcome: "played", playbackPositionMs: 800 },
      { outcome: "played", playbackPositionMs: 800 },
    ]);
    expect(log.map((event) => event.type)).toEqual([
      "session.started",
      "reply",
      "reply.delivered",
      "reply",
      "reply.delivered",
      "session.ended",
    ]);
    expect(delivered(log)).toEqual([
      expect.objectContaining({ replySeq: 2, outcome: "played", playbackPositionMs: 800 }),
      expect.objectContaining({ replySeq: 4, outcome: "played", playbackPositionMs: 800 }),
    ]);
  });

  it("stops an interruptible reply when the caller starts speaking, and says how much of it they heard", async () => {
    const deliveries: Array<Delivery | undefined> = [];
    const transport = new PlayoutTransport({ durationMs: 4_000, heardWhenInterruptedMs: 1_200 });
    const { session, log, done } = start(delivering([interruptible("Your options are: one, two, three")], deliveries), transport);
    await settle();
    session.receive({ type: "speech.started" });
    await done;
    expect(transport.playing.interruptRequests).toBe(1);
    expect(deliveries).toEqual([{ outcome: "interrupted", playbackPositionMs: 1_200 }]);
    expect(log.map((event) => event.type)).toEqual(["session.started", "reply", "speech.started", "reply.delivered", "session.ended"]);
    expect(delivered(log)[0]).toMatchObject({ replySeq: 2, outcome: "interrupted", playbackPositionMs: 1_200 });
    expect(log[1]).toMatchObject({ type: "reply", interruptible: true });
  });

  it("plays a reply that is not interruptible to its end while the caller speaks", async () => {
    const deliveries: Array<Delivery | undefined> = [];
    const transport = new PlayoutTransport({ durationMs: 2_000, heardWhenInterruptedMs: 100 });
    const { session, done } = start(delivering([reply("This call may be recorded.")], deliveries), transport);
    await settle();
    session.receive({ type: "speech.started" });
    await settle();
    expect(transport.playing.interruptRequests).toBe(0);
    transport.playing.confirm();
    await done;
    expect(deliveries).toEqual([{ outcome: "played", playbackPositionMs: 2_000 }]);
  });

  it("cuts an interruptible reply at once when the caller is already speaking as it begins", async () => {
    const deliveries: Array<Delivery | undefined> = [];
    const transport = new PlayoutTransport({ durationMs: 2_000, heardWhenInterruptedMs: 0 });
    const { session, done } = start(delivering([interruptible("Welcome!")], deliveries), transport);
    session.receive({ type: "speech.started" });
    await done;
    expect(deliveries).toEqual([{ outcome: "interrupted", playbackPositionMs: 0 }]);
  });

  it("counts a stop the client never confirms as interrupted, within the margin", async () => {
    const deliveries: Array<Delivery | undefined> = [];
    const transport = new PlayoutTransport({ durationMs: 60_000 });
    const { session, clock, log, done } = start(delivering([interruptible("A long list")], deliveries), transport);
    await settle();
    clock.advance(1_000);
    session.receive({ type: "speech.started" });
    clock.advance(499);
    await settle();
    expect(deliveries).toEqual([]);
    clock.advance(1);
    await done;
    expect(deliveries).toEqual([{ outcome: "interrupted" }]);
    // How much was heard is unknown: the logged event (as JSON, the way it is stored and sent) says nothing of it.
    expect(JSON.parse(JSON.stringify(delivered(log)[0]))).toEqual(expect.not.objectContaining({ playbackPositionMs: expect.anything() }));
    expect(clock.pending).toBe(0);
  });

  it("goes on after the audio's length plus the margin when a playout is never confirmed, and says it timed out", async () => {
    const deliveries: Array<Delivery | undefined> = [];
    const transport = new PlayoutTransport({ durationMs: 3_000 });
    const { clock, log, done } = start(delivering([reply("Hello")], deliveries), transport);
    await settle();
    clock.advance(3_499);
    await settle();
    expect(deliveries).toEqual([]);
    clock.advance(1);
    await done;
    expect(deliveries).toEqual([{ outcome: "timed_out" }]);
    expect(delivered(log)[0]).toMatchObject({ outcome: "timed_out", replySeq: 2 });
  });

  it("waits the fixed timeout for a playout whose length the transport never learns", async () => {
    const deliveries: Array<Delivery | undefined> = [];
    const transport = new PlayoutTransport();
    const { clock, done } = start(delivering([reply("Hello")], deliveries), transport);
    await settle();
    clock.advance(4_999);
    await settle();
    expect(deliveries).toEqual([]);
    clock.advance(1);
    await done;
    expect(deliveries).toEqual([{ outcome: "timed_out" }]);
  });
});

describe("an interruptible Say node", () => {
  const at = { x: 0, y: 0 };
  function graph(connectInterrupted: boolean): FlowGraph {
    const nodes: FlowNode[] = [
      { id: "start", kind: "start", position: at, data: {} },
      { id: "menu", kind: "say", position: at, data: { text: "Say one, two or three.", interruptible: true } },
      { id: "more", kind: "say", position: at, data: { text: "Or say help." } },
      { id: "hear", kind: "listen", position: at, data: { timeoutSeconds: 10 } },
      { id: "bye", kind: "end", position: at, data: { reason: "completed" } },
    ];
    return {
      schemaVersion: 1,
      nodes,
      edges: [
        { id: "e1", source: "start", sourcePort: "next", target: "menu" },
        { id: "e2", source: "menu", sourcePort: "next", target: "more" },
        ...(connectInterrupted ? [{ id: "e3", source: "menu", sourcePort: "interrupted", target: "hear" }] : []),
        { id: "e4", source: "more", sourcePort: "next", target: "hear" },
        { id: "e5", source: "hear", sourcePort: "heard", target: "bye" },
      ],
    };
  }

  async function bargeIn(connectInterrupted: boolean) {
    const transport = new PlayoutTransport({ durationMs: 3_000, heardWhenInterruptedMs: 700 });
    const { session, log, done } = start(flowHandler(compileFlow(graph(connectInterrupted))), transport);
    await settle();
    session.receive({ type: "speech.started" });
    await settle();
    if (transport.playouts.length === 2) transport.playing.confirm();
    await settle();
    session.receive({ type: "speech.ended" });
    session.receive({ type: "utterance", text: "two" });
    await done;
    return {
      replies: transport.replies,
      exits: log.flatMap((event) => (event.type === "node.exited" ? [`${event.nodeId}:${event.port}`] : [])),
    };
  }

  it("leaves by its interrupted port when the caller cuts it short", async () => {
    expect(await bargeIn(true)).toEqual({
      replies: ["Say one, two or three."],
      exits: ["start:next", "menu:interrupted", "hear:heard", "bye:null"],
    });
  });

  it("goes on by next when its interrupted port is left unconnected", async () => {
    expect(await bargeIn(false)).toEqual({
      replies: ["Say one, two or three.", "Or say help."],
      exits: ["start:next", "menu:next", "more:next", "hear:heard", "bye:null"],
    });
  });

  it("validates with its interrupted port unconnected; only an interruptible Say has that port", () => {
    expect(validateFlowGraph(graph(false)).ok).toBe(true);
    const plain = graph(true);
    plain.nodes[1] = { id: "menu", kind: "say", position: at, data: { text: "Say one." } };
    const result = validateFlowGraph(plain);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.code)).toContain("edge.unknown_port");
  });
});
