"use client";

import { AlertTriangle, PanelRightClose, PanelRightOpen, SlidersHorizontal } from "lucide-react";
import { useDocumentStore } from "./document-store";
import { InspectorPanel } from "./inspector/inspector-panel";
import { FIRST_STEP_CODE, IssuesPanel } from "./issues-panel";
import { PANEL_LIMITS, useLayoutStore } from "./layout-store";
import { PanelResizer } from "./panel-resizer";
import { useUiStore } from "./ui-store";

const railButton =
  "flex h-9 w-9 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800";

/** The inspector and the Problems list, in a resizable column that folds into a rail. */
export function SidePanel({ open, onFocusNode }: { open: boolean; onFocusNode: (nodeId: string) => void }) {
  const width = useLayoutStore((state) => state.sideWidth);
  const problems = useUiStore((state) => state.issues.filter((issue) => issue.code !== FIRST_STEP_CODE).length);
  const setOpen = useLayoutStore((state) => state.setSideOpen);
  const readOnly = useDocumentStore((state) => state.readOnly);
  if (!open) {
    return (
      <aside
        data-testid="side-panel"
        data-open="false"
        aria-label="Inspector and problems"
        className="flex w-12 shrink-0 flex-col items-center gap-1 border-l border-zinc-200 bg-zinc-50 py-2 dark:border-zinc-800 dark:bg-zinc-950"
      >
        <button
          type="button"
          data-testid="side-panel-toggle"
          className={railButton}
          title="Show the inspector and problems"
          aria-label="Show the inspector and problems"
          onClick={() => setOpen(true)}
        >
          <PanelRightOpen size={16} aria-hidden />
        </button>
        <button type="button" className={railButton} title="Inspector" aria-label="Show the inspector" onClick={() => setOpen(true)}>
          <SlidersHorizontal size={16} aria-hidden />
        </button>
        <button
          type="button"
          data-testid="side-panel-problems"
          className={`${railButton} relative`}
          title={`Problems: ${problems}`}
          aria-label={`Show the problems (${problems})`}
          onClick={() => setOpen(true)}
        >
          <AlertTriangle size={16} aria-hidden />
          {problems > 0 && (
            <span className="absolute -right-0.5 -top-0.5 rounded-full bg-red-700 px-1 text-[10px] font-semibold leading-4 text-white">
              {problems}
            </span>
          )}
        </button>
      </aside>
    );
  }
  return (
    <>
      <PanelResizer
        label="Resize the inspector and problems"
        testId="resize-side-panel"
        width={width}
        min={PANEL_LIMITS.side.min}
        max={PANEL_LIMITS.side.max}
        onResize={(next) => useLayoutStore.getState().resize("side", next)}
      />
      <aside
        data-testid="side-panel"
        data-open="true"
        aria-label="Inspector and problems"
        style={{ width }}
        className="flex shrink-0 flex-col bg-white dark:bg-zinc-950"
      >
        <div className="flex items-center justify-end border-b border-zinc-200 px-2 py-1 dark:border-zinc-800">
          <button
            type="button"
            data-testid="side-panel-toggle"
            className="rounded p-1 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
            title="Fold the inspector and problems"
            aria-label="Fold the inspector and problems"
            onClick={() => setOpen(false)}
          >
            <PanelRightClose size={14} aria-hidden />
          </button>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto p-3">
          {/* A viewer reads every field; a disabled fieldset keeps each of them from changing. */}
          <fieldset disabled={readOnly} className="m-0 min-w-0 border-0 p-0">
            <InspectorPanel />
          </fieldset>
        </div>
        <div className="flex max-h-[40%] min-h-0 flex-col border-t border-zinc-200 p-3 dark:border-zinc-800">
          <IssuesPanel onFocusNode={onFocusNode} />
        </div>
      </aside>
    </>
  );
}
