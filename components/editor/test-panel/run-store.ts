import { create } from "zustand";
import type { CanvasEdge } from "../canvas-types";
import type { WireEnd, WireReply, WireTraceEvent, WireValue } from "./session-wire";

/**
 * Where a test call stands. `ended`: the call is over (the flow ended it, the person hung up, the server ended it);
 * `lost`: the connection closed before the call was over; `failed`: it could not start.
 */
export type RunStatus = "idle" | "starting" | "running" | "ended" | "lost" | "failed";

export interface ChatMessage {
  id: number;
  from: "bot" | "person";
  text: string;
  goodbye?: boolean;
  /** Heard by voice: the person's line is a transcript (still `partial` while they speak). */
  spoken?: boolean;
  partial?: boolean;
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
  /** How the call ended (the first word wins: a hang-up shown at once is not replaced by the server's echo of it). */
  ended: WireEnd | null;
  /** Why the session could not start, or why a message was refused. */
  problem: string | null;
  /** Something the person tried that did not happen, said rather than dropped (text typed after the end). */
  notice: string | null;
}

export interface RunActions {
  reset(status: RunStatus): void;
  started(sessionId: string): void;
  /** Records what the person said; false (and a notice) when the call is not running, so nothing is dropped silently. */
  said(text: string): boolean;
  replied(reply: WireReply): void;
  /**
   * A transcript of the person's speech: a partial one replaces the partial line before it, the final one settles
   * it. A turn heard as nothing (no final) has its partial line removed when the turn ends (`speech.ended`).
   */
  heard(text: string, final: boolean): void;
  traced(event: WireTraceEvent, edges: readonly CanvasEdge[]): void;
  endedWith(end: WireEnd): void;
  /** The connection closed; before an `end`, the call was lost. */
  connectionClosed(): void;
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
  problem: null,
  notice: null,
};

const MAX_EVENTS = 500;
let messageId = 0;

/** Said when text is typed after the call is over. */
export const NOT_SENT_NOTICE = "Not sent: the call is over. Press Restart to call again.";

/** One test session's state: chat, variables, trace and the lit path. */
export const useRunStore = create<RunState & RunActions>()((set, get) => ({
  ...initialRunState,
  reset(status) {
    set({ ...initialRunState, status });
  },
  started(sessionId) {
    if (get().status !== "starting") return;
    set({ status: "running", sessionId });
  },
  said(text) {
    if (get().status !== "running") {
      set({ notice: NOT_SENT_NOTICE });
      return false;
    }
    set({ messages: [...get().messages, { id: (messageId += 1), from: "person", text }], notice: null });
    return true;
  },
  replied(reply) {
    set({ messages: [...get().messages, { id: (messageId += 1), from: "bot", text: reply.text, goodbye: reply.goodbye === true }] });
  },
  heard(text, final) {
    const state = get();
    if (state.status !== "running") return;
    const last = state.messages.at(-1);
    const kept = last?.partial ? state.messages.slice(0, -1) : state.messages;
    const id = last?.partial ? last.id : (messageId += 1);
    set({ messages: [...kept, { id, from: "person", text, spoken: true, ...(final ? {} : { partial: true }) }] });
  },
  traced(event, edges) {
    const state = get();
    const events = [...state.events, event].slice(-MAX_EVENTS);
    // After the end (a hang-up shown at once) the path stays as it was: nothing is lit any more.
    const over = state.status !== "running" && state.status !== "starting";
    switch (event.type) {
      case "node.entered": {
        const patch: Partial<RunState> = {
          events,
          currentNodeId: over ? null : event.nodeId,
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
      case "utterance.retracted": {
        // The caller went on with the turn the bot had answered: that line was not their answer, the whole turn
        // comes next as a line of its own.
        const index = state.messages.findLastIndex((message) => message.from === "person" && message.spoken === true);
        set(index < 0 ? { events } : { events, messages: state.messages.toSpliced(index, 1) });
        return;
      }
      case "speech.ended": {
        // A turn heard as nothing sends no final transcript: its partial line was not what the bot took.
        const settled = state.messages.filter((message) => !message.partial);
        set(settled.length === state.messages.length ? { events } : { events, messages: settled });
        return;
      }
      default:
        set({ events });
    }
  },
  endedWith(end) {
    const state = get();
    if (state.ended || state.status === "lost" || state.status === "failed" || state.status === "idle") return;
    set({ status: "ended", ended: end, currentNodeId: null });
  },
  connectionClosed() {
    const state = get();
    if (state.status === "running" || state.status === "starting") set({ status: "lost", currentNodeId: null });
  },
  failedWith(problem) {
    set({ status: "failed", problem, currentNodeId: null });
  },
  refused(problem) {
    set({ problem });
  },
}));
