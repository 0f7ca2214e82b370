import { create } from "zustand";
import type { FlowIssue } from "@/lib/flow";
import type { Snapshot } from "./document-store";

type Severity = FlowIssue["severity"];

export interface UiState {
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  /** Issues of the current draft, from validateFlowGraph on the client. */
  issues: FlowIssue[];
  /** Worst severity per node and per edge, so a node reads only its own entry. */
  nodeIssues: Record<string, Severity>;
  edgeIssues: Record<string, Severity>;
  clipboard: Snapshot | null;
  testOpen: boolean;
}

export interface UiActions {
  setSelection(nodeIds: string[], edgeIds: string[]): void;
  setIssues(issues: FlowIssue[]): void;
  setClipboard(snapshot: Snapshot | null): void;
  setTestOpen(open: boolean): void;
}

export const initialUiState: UiState = {
  selectedNodeIds: [],
  selectedEdgeIds: [],
  issues: [],
  nodeIssues: {},
  edgeIssues: {},
  clipboard: null,
  testOpen: false,
};

function worst(map: Record<string, Severity>, id: string, severity: Severity) {
  if (map[id] !== "error") map[id] = severity;
}

function sameIds(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** View state of the editor: selection, issues, clipboard, panels. */
export const useUiStore = create<UiState & UiActions>()((set, get) => ({
  ...initialUiState,
  setSelection(nodeIds, edgeIds) {
    const state = get();
    if (sameIds(state.selectedNodeIds, nodeIds) && sameIds(state.selectedEdgeIds, edgeIds)) return;
    set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds });
  },
  setIssues(issues) {
    const nodeIssues: Record<string, Severity> = {};
    const edgeIssues: Record<string, Severity> = {};
    for (const issue of issues) {
      if (issue.nodeId !== undefined) worst(nodeIssues, issue.nodeId, issue.severity);
      if (issue.edgeId !== undefined) worst(edgeIssues, issue.edgeId, issue.severity);
    }
    set({ issues, nodeIssues, edgeIssues });
  },
  setClipboard(clipboard) {
    set({ clipboard });
  },
  setTestOpen(testOpen) {
    set({ testOpen });
  },
}));
