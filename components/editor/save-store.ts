import { create } from "zustand";
import type { FlowIssue } from "@/lib/flow";
import { ApiError, NetworkError } from "@/lib/client/api-error";
import type { FlowRecord } from "@/lib/client/api-types";
import { flowApi } from "@/lib/client/flow-api";
import { useDocumentStore } from "./document-store";
import { canvasToGraph } from "./graph-convert";

/** Where the draft stands against the server. */
export type SaveStatus = "saved" | "dirty" | "saving" | "offline" | "conflict" | "invalid" | "error";

export interface SaveState {
  status: SaveStatus;
  /** The server revision the local draft is based on. */
  revision: number;
  /** The document version last saved. */
  savedVersion: number;
  savedAt: number | null;
  message: string | null;
  serverIssues: FlowIssue[];
  /** On a 409: the newer flow someone else saved. */
  conflict: FlowRecord | null;
  inFlight: Promise<boolean> | null;
}

export interface SaveActions {
  loaded(revision: number): void;
  /** The document changed: the draft is no longer saved. */
  markDirty(): void;
  /** Saves now if anything changed; resolves true when the server has the current draft. */
  flush(): Promise<boolean>;
  /** Conflict: take the newer revision from the server (undo can still bring ours back). */
  loadTheirs(): Promise<void>;
  /** Conflict: save the local graph as a new flow; resolves its id. */
  keepMineAsCopy(): Promise<string>;
}

export const initialSaveState: SaveState = {
  status: "saved",
  revision: 0,
  savedVersion: 0,
  savedAt: null,
  message: null,
  serverIssues: [],
  conflict: null,
  inFlight: null,
};

/** Autosave through PUT /api/flows/{id} with the revision the draft is based on. */
export const useSaveStore = create<SaveState & SaveActions>()((set, get) => ({
  ...initialSaveState,

  loaded(revision) {
    set({ ...initialSaveState, revision, savedVersion: useDocumentStore.getState().version, savedAt: Date.now() });
  },

  markDirty() {
    const state = get();
    if (useDocumentStore.getState().version === state.savedVersion) return;
    if (state.status === "conflict" || state.status === "saving") return;
    set({ status: "dirty" });
  },

  async flush() {
    const state = get();
    if (state.status === "conflict") return false;
    if (state.inFlight) {
      await state.inFlight;
      return get().flush();
    }
    const doc = useDocumentStore.getState();
    if (doc.flowId === null) return false;
    if (doc.version === state.savedVersion) return true;
    const version = doc.version;
    const name = doc.name.trim();
    const body = { revision: state.revision, graph: canvasToGraph(doc.nodes, doc.edges), ...(name ? { name } : {}) };
    const request = flowApi
      .update(doc.flowId, body)
      .then(({ flow }) => {
        const current = useDocumentStore.getState().version;
        set({
          revision: flow.revision,
          savedVersion: version,
          savedAt: Date.now(),
          status: current === version ? "saved" : "dirty",
          message: null,
          serverIssues: [],
        });
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 409) {
          set({ status: "conflict", conflict: error.current ?? null, message: error.message });
        } else if (error instanceof NetworkError) {
          set({ status: "offline", message: error.message });
        } else if (error instanceof ApiError && error.status === 400) {
          set({ status: "invalid", message: error.message, serverIssues: error.issues });
        } else {
          set({ status: "error", message: error instanceof Error ? error.message : String(error) });
        }
        return false;
      })
      .finally(() => set({ inFlight: null }));
    set({ status: "saving", inFlight: request });
    return request;
  },

  async loadTheirs() {
    const flowId = useDocumentStore.getState().flowId;
    if (flowId === null) return;
    const conflict = get().conflict ?? (await flowApi.get(flowId)).flow;
    useDocumentStore.getState().replaceGraph(conflict.name, conflict.graph);
    set({
      ...initialSaveState,
      revision: conflict.revision,
      savedVersion: useDocumentStore.getState().version,
      savedAt: Date.now(),
    });
  },

  async keepMineAsCopy() {
    const doc = useDocumentStore.getState();
    const flow = await flowApi.create({ name: `${doc.name || "Untitled flow"} (my copy)`, graph: canvasToGraph(doc.nodes, doc.edges) });
    return flow.id;
  },
}));
