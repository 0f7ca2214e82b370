"use client";

import { ReactFlowProvider, useNodesInitialized, useReactFlow, type Viewport, type XYPosition } from "@xyflow/react";
import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "@/lib/client/api-error";
import type { NodeKind } from "@/lib/flow";
import type { CanvasEdge, CanvasNode } from "./canvas-types";
import { CollabClosedDialog } from "./collab/collab-closed-dialog";
import { useCollab } from "./collab/use-collab";
import { ConflictDialog } from "./conflict-dialog";
import { useDocumentStore } from "./document-store";
import { EditorToolbar } from "./editor-toolbar";
import { FlowCanvas } from "./flow-canvas";
import { EditorAccessContext, openFlow, useEditorAccess, type EditorAccess, type FlowSource } from "./flow-source";
import { estimatedViewport } from "./flow-viewport";
import { FIRST_STEP_CODE } from "./issues-panel";
import { PANEL_LIMITS, resolvedLayout, useLayoutStore } from "./layout-store";
import { Palette } from "./palette";
import { PanelResizer } from "./panel-resizer";
import { placeNewNode } from "./placement";
import { SaveProblem } from "./save-status";
import { useSaveStore } from "./save-store";
import { SidePanel } from "./side-panel";
import { useRunStore } from "./test-panel/run-store";
import { stopTestSession } from "./test-panel/session-controller";
import { TestPanel } from "./test-panel/test-panel";
import { useUiStore, initialUiState } from "./ui-store";
import { useAutosave } from "./use-autosave";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { useFlowSettled } from "./use-flow-settled";
import { useFlowView } from "./use-flow-view";
import { useLiveValidation } from "./use-live-validation";
import { useWindowWidth } from "./use-window-width";

type LoadState = { kind: "loading" } | { kind: "ready"; access: EditorAccess } | { kind: "missing" } | { kind: "failed"; message: string };

/** Shown on the canvas while the flow is only its Start node: what to do first. */
function FirstStepHint() {
  const shown = useUiStore((state) => state.issues.some((issue) => issue.code === FIRST_STEP_CODE));
  if (!shown) return null;
  return (
    <div
      data-testid="canvas-hint"
      className="pointer-events-none absolute inset-x-0 top-6 z-10 mx-auto w-fit max-w-md rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950 shadow-sm dark:border-sky-900 dark:bg-sky-950 dark:text-sky-50"
    >
      <p className="font-semibold">Every call begins at Start.</p>
      <p className="mt-1">
        Add the first step: drag <strong>Say</strong> from the palette (or select Start and press <kbd>Y</kbd>), then drag from Start&apos;s{" "}
        <em>next</em> port to it.
      </p>
    </div>
  );
}

function EditorWorkspace() {
  const testOpen = useUiStore((state) => state.testOpen);
  const readOnly = useDocumentStore((state) => state.readOnly);
  const layout = useLayoutStore();
  const windowWidth = useWindowWidth();
  const panels = resolvedLayout(layout, windowWidth, testOpen);
  const canvasBox = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const { screenToFlowPosition } = useReactFlow<CanvasNode, CanvasEdge>();
  const view = useFlowView();
  const initialized = useNodesInitialized();
  // A blank flow keeps the default viewport: fitting to the first node dropped would jump the view.
  const fitted = useRef(useDocumentStore.getState().nodes.length === 0);
  useEffect(() => {
    // Fit once the loaded nodes have been measured (React Flow's fitView prop can run before the panel has its size).
    if (!initialized || fitted.current) return;
    fitted.current = true;
    view.fit();
  }, [initialized, view]);
  // The canvas mounts once its box is known, already at the viewport for the nodes' estimated sizes (flow-viewport.ts).
  const [initialViewport, setInitialViewport] = useState<{ viewport: Viewport | undefined } | null>(null);
  useLayoutEffect(() => {
    const box = canvasBox.current?.getBoundingClientRect();
    setInitialViewport({ viewport: estimatedViewport(useDocumentStore.getState().nodes, box?.width ?? 0, box?.height ?? 0) });
  }, []);
  useAutosave();
  // Live co-editing is for the flow's workspace: a share link's visitor is no member, and the server would refuse them.
  const sharedByLink = useEditorAccess() === "shared";
  const flowId = useDocumentStore((state) => state.flowId);
  useCollab(sharedByLink ? null : flowId, canvasBox);
  useLiveValidation(useFlowSettled());

  const viewCenter = useCallback((): XYPosition | null => {
    const box = canvasBox.current?.getBoundingClientRect();
    return box ? screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : null;
  }, [screenToFlowPosition]);

  const addAtCenter = useCallback(
    (kind: NodeKind) => {
      const center = viewCenter();
      if (!center) return;
      const { nodes, edges, addNode } = useDocumentStore.getState();
      const placement = placeNewNode(kind, nodes, edges, center);
      view.keepInView(addNode(kind, placement.position, placement.from));
    },
    [viewCenter, view],
  );
  const shortcuts = useMemo(
    () => ({ addByKey: addAtCenter, viewCenter, openSearch: () => searchBox.current?.focus() }),
    [addAtCenter, viewCenter],
  );
  useEditorShortcuts(shortcuts);

  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <EditorToolbar view={view} searchRef={searchBox} />
      <SaveProblem />
      <div className="flex min-h-0 flex-1">
        {!readOnly && (
          <aside
            className={`${panels.palette ? "w-40 p-3" : "w-14 px-1.5 py-2"} shrink-0 overflow-y-auto border-r border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950`}
          >
            <Palette open={panels.palette} onAdd={addAtCenter} onToggle={(open) => useLayoutStore.getState().setPaletteOpen(open)} />
          </aside>
        )}
        <main ref={canvasBox} className="relative min-w-0 flex-1" aria-label="Canvas">
          {initialViewport && <FlowCanvas defaultViewport={initialViewport.viewport} view={view} />}
          <FirstStepHint />
        </main>
        <SidePanel open={panels.side} onFocusNode={view.reveal} />
        {testOpen && (
          <>
            <PanelResizer
              label="Resize the test chat"
              testId="resize-test-panel"
              width={layout.testWidth}
              min={PANEL_LIMITS.test.min}
              max={PANEL_LIMITS.test.max}
              onResize={(width) => useLayoutStore.getState().resize("test", width)}
            />
            <TestPanel width={layout.testWidth} onFocusNode={view.reveal} />
          </>
        )}
      </div>
      <ConflictDialog />
      <CollabClosedDialog />
    </div>
  );
}

/**
 * The editor of one flow: loads it from its source (by id, or read-only by a share link), then hands it to the canvas,
 * the inspector, autosave and the test chat.
 */
export function FlowEditor({ source }: { source: FlowSource }) {
  const [load, setLoad] = useState<LoadState>({ kind: "loading" });
  const { kind, key } = source;

  useEffect(() => {
    let cancelled = false;
    openFlow(kind, key)
      .then(({ flow, access }) => {
        if (cancelled) return;
        useDocumentStore.getState().load(flow.id, flow.name, flow.graph, { readOnly: access !== "edit" });
        useSaveStore.getState().loaded(flow.revision);
        useUiStore.setState(initialUiState);
        useRunStore.getState().reset("idle");
        setLoad({ kind: "ready", access });
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
  }, [kind, key]);

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
        <Link href="/" className="text-sky-700 hover:underline dark:text-sky-400">
          Back to all flows
        </Link>
      </div>
    );
  }
  return (
    <EditorAccessContext value={load.access}>
      <ReactFlowProvider>
        <EditorWorkspace />
      </ReactFlowProvider>
    </EditorAccessContext>
  );
}
