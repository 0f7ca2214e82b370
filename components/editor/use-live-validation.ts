"use client";

import { useEffect } from "react";
import { validateFlowGraph } from "@/lib/flow";
import { useDocumentStore } from "./document-store";
import { canvasToGraph } from "./graph-convert";
import { useUiStore } from "./ui-store";

/** Validation is O(graph); batching a burst of edits (typing) into one run keeps typing smooth on big flows. */
const VALIDATION_DELAY_MS = 120;

function validateNow() {
  const { nodes, edges } = useDocumentStore.getState();
  const result = validateFlowGraph(canvasToGraph(nodes, edges));
  useUiStore.getState().setIssues(result.ok ? result.warnings : result.issues);
}

/** Runs validateFlowGraph on the client whenever the graph's structure or data change (moves do not count). */
export function useLiveValidation(): void {
  useEffect(() => {
    // The first run waits like any other: run at mount, it held up the frame that measures a large flow's nodes.
    let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(validateNow, VALIDATION_DELAY_MS);
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
