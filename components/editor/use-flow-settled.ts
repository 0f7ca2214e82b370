"use client";

import { useNodesInitialized } from "@xyflow/react";
import { useDocumentStore } from "./document-store";

/**
 * Whether the loaded flow is on screen: React Flow has measured its nodes (or it has none). Work a large flow's first
 * paint need not wait for (the first validation, the minimap, loading elkjs) starts from here.
 */
export function useFlowSettled(): boolean {
  const initialized = useNodesInitialized();
  const empty = useDocumentStore((state) => state.nodes.length === 0);
  return initialized || empty;
}
