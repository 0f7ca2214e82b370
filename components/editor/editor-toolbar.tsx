"use client";

import { ArrowLeft, Copy, Download, Maximize, Network, Play, Redo2, Trash2, Undo2, Eye } from "lucide-react";
import Link from "next/link";
import { useEffect, useState, type Ref } from "react";
import { flushSync } from "react-dom";
import { flowApi } from "@/lib/client/flow-api";
import { HistoryButton } from "./history-button";
import { PresenceAvatars } from "./collab/presence-avatars";
import { useDocumentStore, type DocumentState } from "./document-store";
import { useEditorAccess } from "./flow-source";
import { NodeSearch } from "./node-search";
import { SaveStatusBadge } from "./save-status";
import { ShareButton } from "./share-button";
import { startTestSession } from "./test-panel/session-controller";
import { useUiStore } from "./ui-store";
import { useFlowSettled } from "./use-flow-settled";
import type { FlowView } from "./use-flow-view";
import { useScheduledSelector } from "./use-scheduled-selector";
import { whenIdle } from "./when-idle";

/** elkjs is a large module: loaded after the flow is on screen, not with the editor (its fetch waited for it). */
const loadAutoLayout = () => import("./auto-layout");

const selectCanUndo = (state: DocumentState) => (state.sharedHistory ? state.sharedCanUndo : state.past.length > 0);
const selectCanRedo = (state: DocumentState) => (state.sharedHistory ? state.sharedCanRedo : state.future.length > 0);

/** Tool names beside their icons where there is room; narrower, the icon and its tooltip. */
const label = "hidden xl:inline";

const tool =
  "flex items-center gap-1 rounded-md px-2 py-1.5 text-xs text-zinc-700 hover:bg-zinc-100 disabled:opacity-40 dark:text-zinc-300 dark:hover:bg-zinc-800";

function NameField() {
  const name = useDocumentStore((state) => state.name);
  const rename = useDocumentStore((state) => state.rename);
  const readOnly = useDocumentStore((state) => state.readOnly);
  return (
    <input
      data-testid="flow-name"
      aria-label="Flow name"
      readOnly={readOnly}
      className="w-56 min-w-0 shrink rounded-md border border-transparent bg-transparent px-2 py-1 text-sm font-semibold hover:border-zinc-300 focus:border-sky-500 focus:outline-none dark:hover:border-zinc-700"
      value={name}
      onChange={(event) => rename(event.target.value)}
    />
  );
}

/** Back, name, save status, history, layout, view, find and Test. */
export function EditorToolbar({ view, searchRef }: { view: FlowView; searchRef: Ref<HTMLInputElement> }) {
  const flowId = useDocumentStore((state) => state.flowId);
  const readOnly = useDocumentStore((state) => state.readOnly);
  const access = useEditorAccess();
  // A drag's first move records an undo step: that re-render must not be synchronous (use-scheduled-selector.ts).
  const canUndo = useScheduledSelector(useDocumentStore, selectCanUndo);
  const canRedo = useScheduledSelector(useDocumentStore, selectCanRedo);
  const hasSelection = useUiStore((state) => state.selectedNodeIds.length + state.selectedEdgeIds.length > 0);
  const [layingOut, setLayingOut] = useState(false);
  const settled = useFlowSettled();
  useEffect(() => {
    if (settled) return whenIdle(() => void loadAutoLayout());
  }, [settled]);

  const autoLayout = async () => {
    setLayingOut(true);
    try {
      const { layoutPositions } = await loadAutoLayout();
      const { nodes, edges, moveNodes } = useDocumentStore.getState();
      const positions = await layoutPositions(nodes, edges);
      // The canvas renders store changes in a task of its own (use-scheduled-selector.ts): render this one now, so
      // React Flow has the new positions before the fit below measures them.
      flushSync(() => moveNodes(positions));
      requestAnimationFrame(() => view.fit({ duration: 300 }));
    } finally {
      setLayingOut(false);
    }
  };

  return (
    <header className="flex min-w-0 items-center gap-1 border-b border-zinc-200 bg-white px-3 py-1.5 dark:border-zinc-800 dark:bg-zinc-950">
      <Link href="/" className={tool} data-testid="back-to-flows" title="All flows" aria-label="Back to all flows">
        <ArrowLeft size={14} aria-hidden />
      </Link>
      <NameField />
      {!readOnly && <SaveStatusBadge />}
      {!readOnly && (
        <>
          <span className="mx-2 h-5 w-px bg-zinc-200 dark:bg-zinc-800" />
          <button
            type="button"
            className={tool}
            data-testid="undo"
            disabled={!canUndo}
            onClick={() => useDocumentStore.getState().undo()}
            title="Undo (Ctrl/⌘+Z)"
            aria-label="Undo"
          >
            <Undo2 size={14} aria-hidden />
          </button>
          <button
            type="button"
            className={tool}
            data-testid="redo"
            disabled={!canRedo}
            onClick={() => useDocumentStore.getState().redo()}
            title="Redo (Shift+Ctrl/⌘+Z)"
            aria-label="Redo"
          >
            <Redo2 size={14} aria-hidden />
          </button>
          <button
            type="button"
            className={tool}
            data-testid="duplicate-selection"
            disabled={!hasSelection}
            onClick={() => useDocumentStore.getState().duplicateSelection()}
            title="Duplicate (Ctrl/⌘+D)"
            aria-label="Duplicate the selection"
          >
            <Copy size={14} aria-hidden />
          </button>
          <button
            type="button"
            className={tool}
            data-testid="delete-selection"
            disabled={!hasSelection}
            onClick={() => useDocumentStore.getState().deleteSelection()}
            title="Delete (Del)"
            aria-label="Delete the selection"
          >
            <Trash2 size={14} aria-hidden />
          </button>
          <span className="mx-2 h-5 w-px bg-zinc-200 dark:bg-zinc-800" />
          <button
            type="button"
            className={tool}
            data-testid="auto-layout"
            title="Lay the flow out left to right"
            aria-label="Layout"
            disabled={layingOut}
            onClick={() => void autoLayout()}
          >
            <Network size={14} aria-hidden /> <span className={label}>Layout</span>
          </button>
        </>
      )}
      <button
        type="button"
        className={tool}
        data-testid="fit-view"
        title="Show the whole flow, readably"
        aria-label="Fit"
        onClick={() => view.fit({ duration: 300 })}
      >
        <Maximize size={14} aria-hidden /> <span className={label}>Fit</span>
      </button>
      {flowId && access !== "shared" && (
        <a
          className={tool}
          data-testid="export-flow"
          href={flowApi.exportUrl(flowId)}
          title="Export as a file"
          aria-label="Export"
          download
        >
          <Download size={14} aria-hidden /> <span className={label}>Export</span>
        </a>
      )}
      {flowId && access !== "shared" && <HistoryButton flowId={flowId} className={tool} labelClassName={label} />}
      {flowId && access === "edit" && <ShareButton flowId={flowId} className={tool} labelClassName={label} />}
      <span className="ml-auto" />
      <PresenceAvatars />
      <NodeSearch inputRef={searchRef} onReveal={view.reveal} />
      {readOnly ? (
        <span
          data-testid="view-only"
          className="ml-2 flex items-center gap-1 rounded-md bg-zinc-100 px-3 py-1.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200"
          title={
            access === "shared"
              ? "Someone shared this flow with you by a link: you can look at it, not change or test it"
              : "You are a viewer of this flow's workspace: its owners and editors change and test it"
          }
        >
          <Eye size={14} aria-hidden /> {access === "shared" ? "Shared with you · view only" : "View only"}
        </span>
      ) : (
        <button
          type="button"
          data-testid="test-button"
          className="ml-2 flex items-center gap-1 rounded-md bg-emerald-700 px-3 py-1.5 text-xs font-medium text-white hover:bg-emerald-800"
          onClick={() => {
            useUiStore.getState().setTestOpen(true);
            void startTestSession();
          }}
        >
          <Play size={14} aria-hidden /> Test
        </button>
      )}
    </header>
  );
}
