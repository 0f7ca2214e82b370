import { beforeEach, describe, expect, it } from "vitest";
import type { CanvasEdge } from "../canvas-types";
import { useRunStore } from "./run-store";
import type { WireTraceBody, WireTraceEvent } from "./session-wire";

const edges: CanvasEdge[] = [
  { id: "e1", type: "flow", source: "start", sourceHandle: "next", target: "ask" },
  { id: "e2", type: "flow", source: "ask", sourceHandle: "heard", target: "intent" },
  { id: "e3", type: "flow", source: "ask", sourceHandle: "timeout", target: "bye" },
];

let seq = 0;
const trace = (event: WireTraceBody): WireTraceEvent => ({ ...event, seq: (seq += 1), at: 0 });

describe("run store", () => {
  beforeEach(() => useRunStore.getState().reset("running"));

  it("lights the node running now and keeps the path taken, edges included", () => {
    const run = useRunStore.getState();
    run.traced(trace({ type: "node.entered", nodeId: "start", kind: "start" }), edges);
    run.traced(trace({ type: "node.exited", nodeId: "start", port: "next" }), edges);
    run.traced(trace({ type: "node.entered", nodeId: "ask", kind: "listen" }), edges);
    run.traced(trace({ type: "node.exited", nodeId: "ask", port: "heard" }), edges);
    run.traced(trace({ type: "node.entered", nodeId: "intent", kind: "branch" }), edges);
    const state = useRunStore.getState();
    expect(state.currentNodeId).toBe("intent");
    expect(Object.keys(state.visitedNodes).sort()).toEqual(["ask", "intent", "start"]);
    expect(Object.keys(state.visitedEdges).sort()).toEqual(["e1", "e2"]);
  });

  it("marks a failed node with its message and merges variable changes", () => {
    const run = useRunStore.getState();
    run.traced(trace({ type: "variables.changed", changes: { name: "Sam" } }), edges);
    run.traced(trace({ type: "variables.changed", changes: { slot: "10 am" } }), edges);
    run.traced(trace({ type: "node.failed", nodeId: "ask", message: "Unknown variable: x" }), edges);
    const state = useRunStore.getState();
    expect(state.variables).toEqual({ name: "Sam", slot: "10 am" });
    expect(state.failedNodes).toEqual({ ask: "Unknown variable: x" });
  });

  it("ends with the first reason it hears; the closed connection after it changes nothing", () => {
    const run = useRunStore.getState();
    run.endedWith({ reason: "hangup" });
    run.endedWith({ reason: "completed" });
    run.connectionClosed();
    const state = useRunStore.getState();
    expect(state).toMatchObject({ status: "ended", ended: { reason: "hangup" }, currentNodeId: null });
  });

  it("calls a connection closed before any end a lost call", () => {
    const run = useRunStore.getState();
    run.traced(trace({ type: "node.entered", nodeId: "ask", kind: "listen" }), edges);
    run.connectionClosed();
    expect(useRunStore.getState()).toMatchObject({ status: "lost", ended: null, currentNodeId: null });
  });

  it("shows a spoken turn as one line of the caller: partials replace each other, the final settles it", () => {
    const run = useRunStore.getState();
    run.replied({ text: "Would you like to book?", replyId: "r1" });
    run.heard("i would", false);
    run.heard("i would like to book", false);
    expect(useRunStore.getState().messages.map((m) => [m.from, m.text, m.partial === true])).toEqual([
      ["bot", "Would you like to book?", false],
      ["person", "i would like to book", true],
    ]);
    run.heard("i would like to book an appointment", true);
    run.traced(trace({ type: "speech.ended" }), edges);
    run.heard("next turn", false);
    const lines = useRunStore.getState().messages.map((m) => [m.text, m.spoken === true, m.partial === true]);
    expect(lines).toEqual([
      ["Would you like to book?", false, false],
      ["i would like to book an appointment", true, false],
      ["next turn", true, true],
    ]);
  });

  it("drops the line of an answer taken back because the caller went on, and shows the whole turn after", () => {
    const run = useRunStore.getState();
    run.heard("no", true);
    run.replied({ text: "Goodbye then." });
    run.traced(trace({ type: "utterance.retracted" }), edges);
    run.heard("no i would like to book", false);
    const lines = useRunStore.getState().messages.map((m) => [m.from, m.text]);
    expect(lines).toEqual([
      ["bot", "Goodbye then."],
      ["person", "no i would like to book"],
    ]);
  });

  it("removes the partial line of a turn heard as nothing when the turn ends, and hears nothing after the end", () => {
    const run = useRunStore.getState();
    run.heard("uh", false);
    run.traced(trace({ type: "speech.ended" }), edges);
    expect(useRunStore.getState().messages).toEqual([]);
    run.endedWith({ reason: "hangup" });
    run.heard("too late", true);
    expect(useRunStore.getState().messages).toEqual([]);
  });
});
