import { create } from "zustand";
import type { FlowIssue } from "@/lib/flow";

type Severity = FlowIssue["severity"];

export interface UiState {
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  /** Issues of the current draft, from validateFlowGraph on the client. */
  issues: FlowIssue[];
  /** Worst severity per node and per edge, so a node reads only its own entry. */
  nodeIssues: Record<string, Severity>;
  edgeIssues: Record<string, Severity>;
  /**
   * What people call each node (nodeDisplayName), computed with the issues: the Problems list and the trace name nodes
   * without subscribing to the document's nodes, which every drag move replaces.
   */
  nodeNames: Record<string, string>;
  testOpen: boolean;
}

export interface UiActions {
  setSelection(nodeIds: string[], edgeIds: string[]): void;
  setIssues(issues: FlowIssue[], nodeNames: Record<string, string>): void;
  setTestOpen(open: boolean): void;
}

export const initialUiState: UiState = {
  selectedNodeIds: [],
  selectedEdgeIds: [],
  issues: [],
  nodeIssues: {},
  edgeIssues: {},
  nodeNames: {},
  testOpen: false,
};

function worst(map: Record<string, Severity>, id: string, severity: Severity) {
  if (map[id] !== "error") map[id] = severity;
}

function sameIds(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** View state of the editor: selection, issues, whether the test panel is open. */
export const useUiStore = create<UiState & UiActions>()((set, get) => ({
  ...initialUiState,
  setSelection(nodeIds, edgeIds) {
    const state = get();
    if (sameIds(state.selectedNodeIds, nodeIds) && sameIds(state.selectedEdgeIds, edgeIds)) return;
    set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds });
  },
  setIssues(issues, nodeNames) {
    const nodeIssues: Record<string, Severity> = {};
    const edgeIssues: Record<string, Severity> = {};
    for (const issue of issues) {
      if (issue.nodeId !== undefined) worst(nodeIssues, issue.nodeId, issue.severity);
      if (issue.edgeId !== undefined) worst(edgeIssues, issue.edgeId, issue.severity);
    }
    set({ issues, nodeIssues, edgeIssues, nodeNames });
  },
  setTestOpen(testOpen) {
    set({ testOpen });
  },
}));
