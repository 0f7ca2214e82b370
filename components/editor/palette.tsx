"use client";

import { PanelLeftClose, PanelLeftOpen } from "lucide-react";
import { nodeKindNames, nodeKinds, type NodeKind } from "@/lib/flow";

/** The MIME type palette drags carry: the node kind to add. */
export const PALETTE_DRAG_TYPE = "application/x-switchboard-node-kind";

const railSurface =
  "flex h-9 items-center justify-center rounded-md border border-zinc-200 bg-white font-semibold text-zinc-800 shadow-sm hover:border-zinc-400 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
const railButton = `${railSurface} w-9 text-[11px]`;
/** Wide enough for a kind's name ("Listen", "Branch"): names, not shortcut letters, say what a key adds. */
const railKey = `${railSurface} w-12 text-[10px]`;

/**
 * Node kinds to drag onto the canvas, or click (or press their key) to add. Open, each kind has its name and key;
 * folded (the default on laptop screens), a rail of coloured keys that drag and click the same.
 */
export function Palette({ open, onAdd, onToggle }: { open: boolean; onAdd: (kind: NodeKind) => void; onToggle: (open: boolean) => void }) {
  const drag = (kind: NodeKind) => (event: React.DragEvent) => {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, kind);
    event.dataTransfer.effectAllowed = "move";
  };
  if (!open) {
    return (
      <nav data-testid="palette" data-open="false" aria-label="Node palette" className="flex flex-col items-center gap-1.5">
        <button
          type="button"
          className={`${railButton} mb-1`}
          data-testid="palette-toggle"
          title="Show the node palette"
          aria-label="Show the node palette"
          onClick={() => onToggle(true)}
        >
          <PanelLeftOpen size={16} aria-hidden />
        </button>
        {nodeKindNames.map((kind) => {
          const description = nodeKinds[kind];
          return (
            <button
              key={kind}
              type="button"
              draggable
              data-testid={`palette-${kind}`}
              aria-label={`Add a ${description.label} node (key ${description.shortcut.toUpperCase()})`}
              title={`${description.label}: ${description.description} Drag onto the canvas, or press ${description.shortcut.toUpperCase()}.`}
              onDragStart={drag(kind)}
              onClick={() => onAdd(kind)}
              className={`${railKey} cursor-grab border-l-4 active:cursor-grabbing`}
              style={{ borderLeftColor: description.color }}
            >
              {description.label}
            </button>
          );
        })}
      </nav>
    );
  }
  return (
    <nav data-testid="palette" data-open="true" aria-label="Node palette" className="space-y-1.5">
      <div className="mb-2 flex items-center">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">Nodes</h2>
        <button
          type="button"
          data-testid="palette-toggle"
          className="ml-auto rounded p-1 text-zinc-600 hover:bg-zinc-200 dark:text-zinc-400 dark:hover:bg-zinc-800"
          title="Fold the node palette"
          aria-label="Fold the node palette"
          onClick={() => onToggle(false)}
        >
          <PanelLeftClose size={14} aria-hidden />
        </button>
      </div>
      {nodeKindNames.map((kind) => {
        const description = nodeKinds[kind];
        return (
          <button
            key={kind}
            type="button"
            draggable
            data-testid={`palette-${kind}`}
            title={`${description.description} Drag onto the canvas, or press ${description.shortcut.toUpperCase()}.`}
            onDragStart={drag(kind)}
            onClick={() => onAdd(kind)}
            className="flex w-full cursor-grab items-center gap-2 rounded-md border border-zinc-200 bg-white px-2 py-1.5 text-left text-sm shadow-sm hover:border-zinc-400 active:cursor-grabbing dark:border-zinc-700 dark:bg-zinc-900 dark:hover:border-zinc-500"
          >
            <span className="h-3 w-3 shrink-0 rounded-sm" style={{ backgroundColor: description.color }} aria-hidden />
            <span className="flex-1">{description.label}</span>
            <kbd className="rounded border border-zinc-200 px-1 font-mono text-[10px] text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
              {description.shortcut.toUpperCase()}
            </kbd>
          </button>
        );
      })}
      <p className="pt-2 text-[11px] leading-snug text-zinc-600 dark:text-zinc-400">
        Drag from a port to connect, or into empty space to add a connected node. Drop a node on an arrow to insert it. Ctrl/⌘+Z undo,
        Ctrl/⌘+C / V copy and paste (between flows too), Ctrl/⌘+F find, Delete removes.
      </p>
    </nav>
  );
}
