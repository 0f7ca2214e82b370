"use client";

import { nodeKindNames, nodeKinds, type NodeKind } from "@/lib/flow";

/** The MIME type palette drags carry: the node kind to add. */
export const PALETTE_DRAG_TYPE = "application/x-switchboard-node-kind";

/** Node kinds to drag onto the canvas, or click (or press their key) to add at the center. */
export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  return (
    <nav data-testid="palette" aria-label="Node palette" className="space-y-1.5">
      <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">Nodes</h2>
      {nodeKindNames.map((kind) => {
        const description = nodeKinds[kind];
        return (
          <button
            key={kind}
            type="button"
            draggable
            data-testid={`palette-${kind}`}
            title={`${description.description} Drag onto the canvas, or press ${description.shortcut.toUpperCase()}.`}
            onDragStart={(event) => {
              event.dataTransfer.setData(PALETTE_DRAG_TYPE, kind);
              event.dataTransfer.effectAllowed = "move";
            }}
            onClick={() => onAdd(kind)}
            className="flex w-full cursor-grab items-center gap-2 rounded-md border border-zinc-200 bg-white px-2 py-1.5 text-left text-sm shadow-sm hover:border-zinc-400 active:cursor-grabbing dark:border-zinc-700 dark:bg-zinc-900 dark:hover:border-zinc-500"
          >
            <span className="h-3 w-3 shrink-0 rounded-sm" style={{ backgroundColor: description.color }} />
            <span className="flex-1">{description.label}</span>
            <kbd className="rounded border border-zinc-200 px-1 font-mono text-[10px] text-zinc-500 dark:border-zinc-700">
              {description.shortcut.toUpperCase()}
            </kbd>
          </button>
        );
      })}
      <p className="pt-2 text-[11px] leading-snug text-zinc-500">
        Drag from a port to connect. Ctrl/⌘+Z undo, Shift+Ctrl/⌘+Z redo, Ctrl/⌘+C / V copy and paste, Ctrl/⌘+D duplicate, Delete removes.
      </p>
    </nav>
  );
}
