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
});
