import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from "@xyflow/react";
import { create } from "zustand";
import { outputPortsOf, type FlowGraph, type FlowVoiceSettings, type NodeKind } from "@/lib/flow";
import { withAccessibleNames } from "./canvas-names";
import type { CanvasEdge, CanvasNode, NodeDataOf } from "./canvas-types";
import type { NodeClipping } from "./clipboard";
import { connectionProblem } from "./connection-rules";
import { newEdge, newNode, pastedFrom, splitEdge, unselected, withData } from "./document-edits";
import { graphToCanvas, toFlowEdge, toFlowNode } from "./graph-convert";
import { newId } from "./ids";
import { sharedCanvas } from "./shared-canvas";

/** What undo restores: the nodes and edges as they were before one edit, and the lineage they belong to. */
export interface Snapshot {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  voice: FlowVoiceSettings | undefined;
  lineage: number;
}

const HISTORY_LIMIT = 200;
/** Typing into one field within this window is one undo step. */
const COALESCE_MS = 1500;

export interface DocumentState {
  flowId: string | null;
  name: string;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** The flow's voice settings (the graph's `voice`), stored beside its nodes and edges. */
  voice: FlowVoiceSettings | undefined;
  past: Snapshot[];
  future: Snapshot[];
  /** Bumped on every change the stored graph or name sees (not on selection or measurement): autosave watches it. */
  version: number;
  /** Bumped on every change but pure moves: validation watches it. */
  structureVersion: number;
  /** A node drag is under way (its moves are one undo step). */
  dragging: boolean;
  /**
   * Which line of history the graph descends from: bumped when someone else's saved graph replaces ours ("Load
   * theirs"). Undo can bring back a graph of an earlier lineage; the save store then goes through the conflict
   * path instead of saving it over their newer work.
   */
  lineage: number;
  coalesce: { key: string; at: number } | null;
  /**
   * The person may look but not change (a viewer of the flow's workspace): every edit below is refused here, in the
   * one place all of them go through, whatever the canvas, inspector or keyboard asked for. Selecting still works.
   */
  readOnly: boolean;
  /**
   * While the flow is co-edited live (components/editor/collab/), undo and redo are the shared document's, which
   * take back only this person's edits, never a teammate's; null when editing alone.
   */
  sharedHistory: SharedHistory | null;
  /** Whether the shared history has a step to undo or redo (the toolbar's buttons). */
  sharedCanUndo: boolean;
  sharedCanRedo: boolean;
}

/** Undo and redo of this person's own edits in a co-edited flow. */
export interface SharedHistory {
  undo(): void;
  redo(): void;
}

export interface DocumentActions {
  load(flowId: string, name: string, graph: FlowGraph, options?: { readOnly?: boolean }): void;
  /**
   * Shows the co-edited document's graph (a teammate's edit, this person's undo): nothing is recorded for undo, and
   * what the canvas holds about each node that stays (selection, measured size) is kept.
   */
  applyShared(name: string, graph: FlowGraph): void;
  /** Replaces the graph with someone else's, keeping undo able to bring the local one back. */
  replaceGraph(name: string, graph: FlowGraph): void;
  rename(name: string): void;
  /** Sets flow-wide voice settings; `undefined` removes one, and no settings left removes `voice`. */
  patchFlowVoice(patch: Partial<Record<keyof FlowVoiceSettings, string | undefined>>): void;
  onNodesChange(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void;
  connect(connection: Connection): void;
  /** Adds a node, selected; with `from`, wired from that port in the same undo step. */
  addNode(kind: NodeKind, position: XYPosition, from?: { source: string; sourceHandle: string } | null): string;
  /** Adds a node onto an edge, splitting it (A→B becomes A→new→B); false when the kind cannot go there. */
  insertNodeOnEdge(kind: NodeKind, position: XYPosition, edgeId: string): boolean;
  /** Wires an existing, unconnected node into an edge it was dropped on; false when it cannot be. */
  spliceNodeIntoEdge(nodeId: string, edgeId: string): boolean;
  updateNodeData<Kind extends NodeKind>(id: string, kind: Kind, data: NodeDataOf<Kind>, coalesceKey?: string): void;
  /** Sets top-level fields of a node's data from the inspector; `undefined` removes an optional field. */
  patchNodeData(id: string, patch: Record<string, unknown>, coalesceKey?: string): void;
  deleteSelection(): void;
  /** The selected nodes and the edges between them, as stored, for the clipboard. */
  copySelection(): NodeClipping | null;
  paste(clipping: NodeClipping, offset: XYPosition): void;
  duplicateSelection(): void;
  moveNodes(positions: ReadonlyMap<string, XYPosition>): void;
  selectOnly(nodeId: string): void;
  undo(): void;
  redo(): void;
}

export type DocumentStore = DocumentState & DocumentActions;

export const initialDocumentState: DocumentState = {
  flowId: null,
  name: "",
  nodes: [],
  edges: [],
  voice: undefined,
  past: [],
  future: [],
  version: 0,
  structureVersion: 0,
  dragging: false,
  lineage: 0,
  coalesce: null,
  readOnly: false,
  sharedHistory: null,
  sharedCanUndo: false,
  sharedCanRedo: false,
};

/** Factory so tests get an isolated store; the app uses `useDocumentStore`. */
export function createDocumentStore() {
  return create<DocumentStore>()((set, get) => {
    /** Records the state before an edit, so undo can bring it back. */
    const checkpoint = (state: DocumentState): Pick<DocumentState, "past" | "future" | "coalesce"> => ({
      past: [...state.past, { nodes: state.nodes, edges: state.edges, voice: state.voice, lineage: state.lineage }].slice(-HISTORY_LIMIT),
      future: [],
      coalesce: null,
    });
    const changed = (state: DocumentState, structural = true) => ({
      version: state.version + 1,
      structureVersion: structural ? state.structureVersion + 1 : state.structureVersion,
    });

    const actions: DocumentStore = {
      ...initialDocumentState,

      load(flowId, name, graph, options = {}) {
        const canvas = graphToCanvas(graph);
        const { nodes, edges } = withAccessibleNames(canvas.nodes, canvas.edges);
        set({
          ...initialDocumentState,
          flowId,
          name,
          nodes,
          edges,
          voice: graph.voice,
          version: 0,
          structureVersion: get().structureVersion + 1,
          readOnly: options.readOnly ?? false,
        });
      },

      applyShared(name, graph) {
        const state = get();
        const { nodes, edges, onlyMoved } = sharedCanvas(state, name, graph);
        set({ name, nodes, edges, voice: graph.voice, ...changed(state, !onlyMoved) });
      },

      replaceGraph(name, graph) {
        const state = get();
        const canvas = graphToCanvas(graph);
        const { nodes, edges } = withAccessibleNames(canvas.nodes, canvas.edges);
        set({ ...checkpoint(state), name, nodes, edges, voice: graph.voice, lineage: state.lineage + 1, ...changed(state) });
      },

      rename(name) {
        const state = get();
        if (name === state.name) return;
        set({ name, version: state.version + 1 });
      },

      patchFlowVoice(patch) {
        const state = get();
        const voice: Record<string, string> = { ...state.voice };
        for (const [field, value] of Object.entries(patch)) {
          if (value === undefined) delete voice[field];
          else voice[field] = value;
        }
        set({ ...checkpoint(state), voice: Object.keys(voice).length === 0 ? undefined : voice, ...changed(state) });
      },

      onNodesChange(changes) {
        const state = get();
        const meaningful = changes.filter((change) => change.type !== "select" && change.type !== "dimensions");
        if (meaningful.length === 0) {
          set({ nodes: applyNodeChanges(changes, state.nodes) });
          return;
        }
        const moves = meaningful.every((change) => change.type === "position");
        const dragging = moves ? meaningful.some((change) => change.type === "position" && change.dragging === true) : false;
        // A drag is one undo step: checkpoint when it begins, not on every frame or when it ends.
        const record = !moves || (dragging && !state.dragging) || (!dragging && !state.dragging);
        let edges = state.edges;
        const removed = new Set(meaningful.flatMap((change) => (change.type === "remove" ? [change.id] : [])));
        if (removed.size > 0) edges = edges.filter((edge) => !removed.has(edge.source) && !removed.has(edge.target));
        set({
          ...(record ? checkpoint(state) : {}),
          nodes: applyNodeChanges(changes, state.nodes),
          edges,
          dragging,
          ...changed(state, !moves),
        });
      },

      onEdgesChange(changes) {
        const state = get();
        const meaningful = changes.some((change) => change.type !== "select");
        set({ ...(meaningful ? { ...checkpoint(state), ...changed(state) } : {}), edges: applyEdgeChanges(changes, state.edges) });
      },

      connect(connection) {
        const state = get();
        if (connectionProblem(connection, state.nodes, state.edges) !== null) return;
        const edge = newEdge(connection.source, connection.sourceHandle ?? "", connection.target);
        const named = withAccessibleNames(state.nodes, [...state.edges, edge], new Set([connection.source]));
        set({ ...checkpoint(state), edges: named.edges, ...changed(state) });
      },

      addNode(kind, position, from) {
        const state = get();
        const id = newId(kind);
        const added = [...unselected(state.nodes), { ...newNode(kind, position, id), selected: true }];
        const wire = from ? { source: from.source, sourceHandle: from.sourceHandle, target: id, targetHandle: null } : null;
        const edges =
          wire && connectionProblem(wire, added, state.edges) === null
            ? [...state.edges, newEdge(wire.source, wire.sourceHandle, id)]
            : state.edges;
        const named = withAccessibleNames(added, edges, new Set([id]));
        set({ ...checkpoint(state), nodes: named.nodes, edges: named.edges, ...changed(state) });
        return id;
      },

      insertNodeOnEdge(kind, position, edgeId) {
        const state = get();
        const node = { ...newNode(kind, position, newId(kind)), selected: true };
        const edges = splitEdge(state.edges, edgeId, node);
        if (!edges) return false;
        const named = withAccessibleNames([...unselected(state.nodes), node], edges, new Set([node.id]));
        set({ ...checkpoint(state), nodes: named.nodes, edges: named.edges, ...changed(state) });
        return true;
      },

      spliceNodeIntoEdge(nodeId, edgeId) {
        const state = get();
        const node = state.nodes.find((candidate) => candidate.id === nodeId);
        const edges = node ? splitEdge(state.edges, edgeId, node) : null;
        if (!edges) return false;
        const named = withAccessibleNames(state.nodes, edges, new Set([nodeId]));
        set({ ...checkpoint(state), edges: named.edges, ...changed(state) });
        return true;
      },

      updateNodeData(id, kind, data, coalesceKey) {
        const state = get();
        const now = Date.now();
        const key = coalesceKey === undefined ? null : `${id}:${coalesceKey}`;
        const merge = key !== null && state.coalesce?.key === key && now - state.coalesce.at < COALESCE_MS;
        // Edges leaving a port that no longer exists (a removed condition) go with it.
        const nodes = state.nodes.map((node) => (node.id === id ? withData(node, kind, data) : node));
        const updated = nodes.find((node) => node.id === id);
        const ports = updated ? new Set(outputPortsOf(toFlowNode(updated)).map((port) => port.id)) : new Set<string>();
        const kept = state.edges.filter((edge) => edge.source !== id || ports.has(edge.sourceHandle ?? ""));
        const named = withAccessibleNames(nodes, kept.length === state.edges.length ? state.edges : kept, new Set([id]));
        set({
          ...(merge ? {} : checkpoint(state)),
          coalesce: key === null ? null : { key, at: now },
          nodes: named.nodes,
          edges: named.edges,
          ...changed(state),
        });
      },

      patchNodeData(id, patch, coalesceKey) {
        const node = get().nodes.find((candidate) => candidate.id === id);
        if (!node) return;
        const data: Record<string, unknown> = { ...node.data };
        for (const [field, value] of Object.entries(patch)) {
          if (value === undefined) delete data[field];
          else data[field] = value;
        }
        // The inspector only patches the fields its kind's `inspector` description lists, with values of the
        // control's type; refinements the draft breaks are reported by validation, not prevented here.
        get().updateNodeData(id, node.type, data as NodeDataOf<typeof node.type>, coalesceKey);
      },

      deleteSelection() {
        const state = get();
        const gone = new Set(state.nodes.filter((node) => node.selected).map((node) => node.id));
        const edges = state.edges.filter((edge) => !edge.selected && !gone.has(edge.source) && !gone.has(edge.target));
        if (gone.size === 0 && edges.length === state.edges.length) return;
        set({ ...checkpoint(state), nodes: state.nodes.filter((node) => !gone.has(node.id)), edges, ...changed(state) });
      },

      copySelection() {
        const state = get();
        const nodes = state.nodes.filter((node) => node.selected);
        if (nodes.length === 0) return null;
        const ids = new Set(nodes.map((node) => node.id));
        return {
          nodes: nodes.map(toFlowNode),
          edges: state.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)).map(toFlowEdge),
        };
      },

      paste(clipping, offset) {
        const state = get();
        const pasted = pastedFrom(clipping, offset);
        const named = withAccessibleNames(
          [...unselected(state.nodes), ...pasted.nodes],
          [...unselected(state.edges), ...pasted.edges],
          new Set(pasted.nodes.map((node) => node.id)),
        );
        set({ ...checkpoint(state), nodes: named.nodes, edges: named.edges, ...changed(state) });
      },

      duplicateSelection() {
        const clipping = get().copySelection();
        if (clipping) get().paste(clipping, { x: 40, y: 40 });
      },

      moveNodes(positions) {
        const state = get();
        const nodes = state.nodes.map((node) => {
          const position = positions.get(node.id);
          return position ? { ...node, position } : node;
        });
        set({ ...checkpoint(state), nodes, ...changed(state, false) });
      },

      selectOnly(nodeId) {
        const state = get();
        set({
          nodes: state.nodes.map((node) =>
            (node.id === nodeId) !== Boolean(node.selected) ? { ...node, selected: node.id === nodeId } : node,
          ),
          edges: state.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
        });
      },

      undo() {
        const state = get();
        if (state.sharedHistory) return state.sharedHistory.undo();
        const previous = state.past[state.past.length - 1];
        if (!previous) return;
        set({
          past: state.past.slice(0, -1),
          future: [{ nodes: state.nodes, edges: state.edges, voice: state.voice, lineage: state.lineage }, ...state.future],
          nodes: previous.nodes,
          edges: previous.edges,
          voice: previous.voice,
          lineage: previous.lineage,
          coalesce: null,
          dragging: false,
          ...changed(state),
        });
      },

      redo() {
        const state = get();
        if (state.sharedHistory) return state.sharedHistory.redo();
        const next = state.future[0];
        if (!next) return;
        set({
          past: [...state.past, { nodes: state.nodes, edges: state.edges, voice: state.voice, lineage: state.lineage }],
          future: state.future.slice(1),
          nodes: next.nodes,
          edges: next.edges,
          voice: next.voice,
          lineage: next.lineage,
          coalesce: null,
          dragging: false,
          ...changed(state),
        });
      },
    };
    return refusingEditsWhenReadOnly(actions, () => get().readOnly);
  });
}

/** The actions that change the flow; in a read-only store they do nothing (and answer as if nothing could be done). */
const EDITS = [
  "rename",
  "patchFlowVoice",
  "connect",
  "updateNodeData",
  "patchNodeData",
  "deleteSelection",
  "paste",
  "duplicateSelection",
  "moveNodes",
  "undo",
  "redo",
] as const satisfies ReadonlyArray<keyof DocumentActions>;

/** React Flow's changes that only select or measure, which a person who may only look still makes. */
const LOOKING = new Set(["select", "dimensions"]);

function refusingEditsWhenReadOnly(store: DocumentStore, readOnly: () => boolean): DocumentStore {
  const guarded: DocumentStore = { ...store };
  for (const name of EDITS) {
    const edit = store[name] as (...args: unknown[]) => void;
    // The edits have different signatures, all returning void; a loop over their names cannot name each one's type, and
    // the wrapper passes the arguments through unchanged, so the store keeps the exact types DocumentActions declares.
    (guarded as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => (readOnly() ? undefined : edit(...args));
  }
  guarded.addNode = (...args) => (readOnly() ? "" : store.addNode(...args));
  guarded.insertNodeOnEdge = (...args) => !readOnly() && store.insertNodeOnEdge(...args);
  guarded.spliceNodeIntoEdge = (...args) => !readOnly() && store.spliceNodeIntoEdge(...args);
  guarded.onNodesChange = (changes) => store.onNodesChange(readOnly() ? changes.filter((change) => LOOKING.has(change.type)) : changes);
  guarded.onEdgesChange = (changes) => store.onEdgesChange(readOnly() ? changes.filter((change) => LOOKING.has(change.type)) : changes);
  return guarded;
}

/** The editor's document: the flow being edited and its undo history. */
export const useDocumentStore = createDocumentStore();
