"use client";

import { ReactFlowProvider, useNodesInitialized, useReactFlow, type Viewport } from "@xyflow/react";
import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { ApiError } from "@/lib/client/api-error";
import { flowApi } from "@/lib/client/flow-api";
import type { NodeKind } from "@/lib/flow";
import type { CanvasEdge, CanvasNode } from "./canvas-types";
import { ConflictDialog } from "./conflict-dialog";
import { useDocumentStore } from "./document-store";
import { EditorToolbar } from "./editor-toolbar";
import { FlowCanvas } from "./flow-canvas";
import { estimatedFitViewport, FIT_OPTIONS } from "./initial-viewport";
import { InspectorPanel } from "./inspector/inspector-panel";
import { IssuesPanel } from "./issues-panel";
import { Palette } from "./palette";
import { useSaveStore } from "./save-store";
import { useRunStore } from "./test-panel/run-store";
import { stopTestSession } from "./test-panel/session-controller";
import { TestPanel } from "./test-panel/test-panel";
import { useUiStore, initialUiState } from "./ui-store";
import { useAutosave } from "./use-autosave";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { useFlowSettled } from "./use-flow-settled";
import { useLiveValidation } from "./use-live-validation";

type LoadState = { kind: "loading" } | { kind: "ready" } | { kind: "missing" } | { kind: "failed"; message: string };

function EditorWorkspace() {
  const testOpen = useUiStore((state) => state.testOpen);
  const canvasBox = useRef<HTMLDivElement>(null);
  const { screenToFlowPosition, setCenter, getInternalNode, getZoom, fitView } = useReactFlow<CanvasNode, CanvasEdge>();
  const initialized = useNodesInitialized();
  // A blank flow keeps the default viewport: fitting to the first node dropped would jump the view.
  const fitted = useRef(useDocumentStore.getState().nodes.length === 0);
  useEffect(() => {
    // Fit once the loaded nodes have been measured (React Flow's fitView prop can run before the panel has its size).
    if (!initialized || fitted.current) return;
    fitted.current = true;
    void fitView(FIT_OPTIONS);
  }, [initialized, fitView]);
  // The canvas mounts once its box is known, already fitted to the nodes' estimated sizes (initial-viewport.ts).
  const [initialViewport, setInitialViewport] = useState<{ viewport: Viewport | undefined } | null>(null);
  useLayoutEffect(() => {
    const box = canvasBox.current?.getBoundingClientRect();
    setInitialViewport({ viewport: estimatedFitViewport(useDocumentStore.getState().nodes, box?.width ?? 0, box?.height ?? 0) });
  }, []);
  useAutosave();
  useLiveValidation(useFlowSettled());

  const addAtCenter = useCallback(
    (kind: NodeKind) => {
      const box = canvasBox.current?.getBoundingClientRect();
      if (!box) return;
      const center = screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      // A little scatter so nodes added in a row do not hide each other.
      const jitter = (useDocumentStore.getState().nodes.length % 5) * 24;
      useDocumentStore.getState().addNode(kind, { x: center.x - 96 + jitter, y: center.y - 40 + jitter });
    },
    [screenToFlowPosition],
  );
  useEditorShortcuts(addAtCenter);

  const focusNode = useCallback(
    (nodeId: string) => {
      useDocumentStore.getState().selectOnly(nodeId);
      const node = getInternalNode(nodeId);
      if (!node) return;
      const width = node.measured.width ?? 224;
      const height = node.measured.height ?? 96;
      void setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, {
        zoom: Math.max(getZoom(), 1),
        duration: 300,
      });
    },
    [getInternalNode, getZoom, setCenter],
  );

  return (
    <div className="flex h-dvh flex-col">
      <EditorToolbar />
      <div className="flex min-h-0 flex-1">
        <aside className="w-48 shrink-0 overflow-y-auto border-r border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-950">
          <Palette onAdd={addAtCenter} />
        </aside>
        <main ref={canvasBox} className="relative min-w-0 flex-1">
          {initialViewport && <FlowCanvas defaultViewport={initialViewport.viewport} />}
        </main>
        <aside
          className={`${testOpen ? "hidden" : "flex"} w-80 shrink-0 flex-col border-l border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950`}
        >
          <div className="min-h-0 flex-1 overflow-y-auto p-3">
            <InspectorPanel />
          </div>
          <div className="flex max-h-[40%] min-h-0 flex-col border-t border-zinc-200 p-3 dark:border-zinc-800">
            <IssuesPanel onFocusNode={focusNode} />
          </div>
        </aside>
        {testOpen && <TestPanel />}
      </div>
      <ConflictDialog />
    </div>
  );
}

/** The editor of one flow: loads it, then hands it to the canvas, the inspector, autosave and the test chat. */
export function FlowEditor({ flowId }: { flowId: string }) {
  const [load, setLoad] = useState<LoadState>({ kind: "loading" });

  useEffect(() => {
    let cancelled = false;
    flowApi
      .get(flowId)
      .then(({ flow }) => {
        if (cancelled) return;
        useDocumentStore.getState().load(flow.id, flow.name, flow.graph);
        useSaveStore.getState().loaded(flow.revision);
        useUiStore.setState(initialUiState);
        useRunStore.getState().reset("idle");
        setLoad({ kind: "ready" });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 404) setLoad({ kind: "missing" });
        else setLoad({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
      stopTestSession();
    };
  }, [flowId]);

  if (load.kind === "loading") {
    return (
      <div data-testid="editor-loading" className="flex h-dvh items-center justify-center gap-2 text-sm text-zinc-500">
        <Loader2 size={16} className="animate-spin" /> Loading flow…
      </div>
    );
  }
  if (load.kind !== "ready") {
    return (
      <div data-testid="editor-error" className="flex h-dvh flex-col items-center justify-center gap-3 text-sm">
        <p className="text-zinc-700 dark:text-zinc-300">
          {load.kind === "missing" ? "This flow does not exist (any more)." : `Could not load the flow: ${load.message}`}
        </p>
        <Link href="/" className="text-sky-600 hover:underline">
          Back to all flows
        </Link>
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <EditorWorkspace />
    </ReactFlowProvider>
  );
}
