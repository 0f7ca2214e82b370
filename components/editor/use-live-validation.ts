"use client";

import { useEffect, useRef } from "react";
import { nodeDisplayName, validateFlowGraph } from "@/lib/flow";
import { useDocumentStore } from "./document-store";
import { canvasToGraph } from "./graph-convert";
import { useUiStore } from "./ui-store";
import { whenIdle } from "./when-idle";

/** Validation is O(graph); batching a burst of edits (typing) into one run keeps typing smooth on big flows. */
const VALIDATION_DELAY_MS = 120;

function validateNow() {
  const { nodes, edges, voice } = useDocumentStore.getState();
  const graph = canvasToGraph(nodes, edges, voice);
  const result = validateFlowGraph(graph);
  const names: Record<string, string> = {};
  for (const node of graph.nodes) names[node.id] = nodeDisplayName(node);
  useUiStore.getState().setIssues(result.ok ? result.warnings : result.issues, names);
}

/**
 * Runs validateFlowGraph on the client whenever the graph's structure or data change (moves do not count), and
 * once the loaded flow is on screen (`settled`: its nodes measured): run at mount, or on a timer that fired
 * between the tasks that render and measure a large flow, the first run held up the frame that shows its nodes.
 */
export function useLiveValidation(settled: boolean): void {
  const firstDone = useRef(false);
  useEffect(() => {
    if (!settled || firstDone.current) return;
    return whenIdle(() => {
      firstDone.current = true;
      validateNow();
    });
  }, [settled]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useDocumentStore.subscribe((state, previous) => {
      if (state.structureVersion === previous.structureVersion) return;
      clearTimeout(timer);
      timer = setTimeout(validateNow, VALIDATION_DELAY_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, []);
}
