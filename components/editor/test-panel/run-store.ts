import { create } from "zustand";
import type { CanvasEdge } from "../canvas-types";
import type { WireEnd, WireReply, WireTraceEvent, WireValue } from "./session-wire";

export type RunStatus = "idle" | "starting" | "running" | "ended" | "failed";

export interface ChatMessage {
  id: number;
  from: "bot" | "person";
  text: string;
  goodbye?: boolean;
}

export interface RunState {
  status: RunStatus;
  sessionId: string | null;
  messages: ChatMessage[];
  variables: Record<string, WireValue>;
  /** The trace, newest last (capped). */
  events: WireTraceEvent[];
  /** The node running now, lit on the canvas. */
  currentNodeId: string | null;
  visitedNodes: Record<string, true>;
  visitedEdges: Record<string, true>;
  /** Node id → its runtime error. */
  failedNodes: Record<string, string>;
  /** The last `node.exited`, waiting for the `node.entered` that names the edge taken. */
  pendingExit: { nodeId: string; port: string | null } | null;
  ended: WireEnd | null;
  /** The server closed the connection (Socket.IO `disconnect`). */
  disconnected: string | null;
  /** Why the session could not start or a message was refused. */
  problem: string | null;
}

export interface RunActions {
  reset(status: RunStatus): void;
  started(sessionId: string): void;
  said(text: string): void;
  replied(reply: WireReply): void;
  traced(event: WireTraceEvent, edges: readonly CanvasEdge[]): void;
  endedWith(end: WireEnd): void;
  disconnectedWith(reason: string): void;
  failedWith(problem: string): void;
  refused(problem: string): void;
}

export const initialRunState: RunState = {
  status: "idle",
  sessionId: null,
  messages: [],
  variables: {},
  events: [],
  currentNodeId: null,
  visitedNodes: {},
  visitedEdges: {},
  failedNodes: {},
  pendingExit: null,
  ended: null,
  disconnected: null,
  problem: null,
};

const MAX_EVENTS = 500;
let messageId = 0;

/** One test session's state: chat, variables, trace and the lit path. */
export const useRunStore = create<RunState & RunActions>()((set, get) => ({
  ...initialRunState,
  reset(status) {
    set({ ...initialRunState, status });
  },
  started(sessionId) {
    set({ status: "running", sessionId });
  },
  said(text) {
    set({ messages: [...get().messages, { id: (messageId += 1), from: "person", text }] });
  },
  replied(reply) {
    set({ messages: [...get().messages, { id: (messageId += 1), from: "bot", text: reply.text, goodbye: reply.goodbye === true }] });
  },
  traced(event, edges) {
    const state = get();
    const events = [...state.events, event].slice(-MAX_EVENTS);
    switch (event.type) {
      case "node.entered": {
        const patch: Partial<RunState> = {
          events,
          currentNodeId: event.nodeId,
          visitedNodes: { ...state.visitedNodes, [event.nodeId]: true },
          pendingExit: null,
        };
        const exit = state.pendingExit;
        if (exit) {
          const edge = edges.find(
            (candidate) => candidate.source === exit.nodeId && candidate.sourceHandle === exit.port && candidate.target === event.nodeId,
          );
          if (edge) patch.visitedEdges = { ...state.visitedEdges, [edge.id]: true };
        }
        set(patch);
        return;
      }
      case "node.exited":
        set({ events, pendingExit: { nodeId: event.nodeId, port: event.port } });
        return;
      case "node.failed":
        set({ events, failedNodes: { ...state.failedNodes, [event.nodeId]: event.message } });
        return;
      case "variables.changed":
        set({ events, variables: { ...state.variables, ...event.changes } });
        return;
      default:
        set({ events });
    }
  },
  endedWith(end) {
    set({ status: "ended", ended: end, currentNodeId: null });
  },
  disconnectedWith(reason) {
    const state = get();
    set({ disconnected: reason, status: state.status === "running" ? "ended" : state.status, currentNodeId: null });
  },
  failedWith(problem) {
    set({ status: "failed", problem });
  },
  refused(problem) {
    set({ problem });
  },
}));
