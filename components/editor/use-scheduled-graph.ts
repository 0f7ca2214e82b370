"use client";

import { useEffect, useState } from "react";
import type { CanvasEdge, CanvasNode } from "./canvas-types";
import { useDocumentStore, type DocumentState } from "./document-store";

interface CanvasGraph {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

const graphOf = (state: DocumentState): CanvasGraph => ({ nodes: state.nodes, edges: state.edges });

/**
 * The document's nodes and edges as React state rather than as a store subscription. A zustand subscription
 * (useSyncExternalStore) re-renders synchronously in the task that changed the store, so each drag move rendered
 * React Flow's nodes and edges inside the frame being drawn. A state update lets React schedule that render in a
 * task of its own (a pointer move's update has continuous priority), as a React Flow app with useState does.
 */
export function useScheduledGraph(): CanvasGraph {
  const [graph, setGraph] = useState(() => graphOf(useDocumentStore.getState()));
  useEffect(() => {
    const sync = (state: DocumentState) =>
      setGraph((current) => (current.nodes === state.nodes && current.edges === state.edges ? current : graphOf(state)));
    // Catch up on changes made between the first render and this subscription.
    sync(useDocumentStore.getState());
    return useDocumentStore.subscribe(sync);
  }, []);
  return graph;
}
