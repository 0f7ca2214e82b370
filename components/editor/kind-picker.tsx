"use client";

import { useEffect, useRef } from "react";
import { nodeKindNames, nodeKinds, type NodeKind } from "@/lib/flow";

/** Kinds a connection can lead into (every kind but Start). */
const CONNECTABLE = nodeKindNames.filter((kind) => nodeKinds[kind].hasInput);

/**
 * The quick picker shown where a connection dragged from a port was dropped on empty canvas: choose a kind, and a
 * node of it is added there, wired from that port. Escape, or a click elsewhere, closes it.
 */
export function KindPicker({ x, y, onPick, onClose }: { x: number; y: number; onPick: (kind: NodeKind) => void; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector("button")?.focus();
    const away = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node | null)) onClose();
    };
    document.addEventListener("pointerdown", away, true);
    return () => document.removeEventListener("pointerdown", away, true);
  }, [onClose]);
  return (
    <div
      ref={box}
      role="dialog"
      aria-label="Add a connected node"
      data-testid="kind-picker"
      className="absolute z-20 w-44 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      style={{ left: x, top: y }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          onClose();
        }
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          const buttons = [...(box.current?.querySelectorAll("button") ?? [])];
          const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
          buttons[(at + (event.key === "ArrowDown" ? 1 : -1) + buttons.length) % buttons.length]?.focus();
        }
      }}
    >
      <p className="px-2 py-1 text-[11px] font-medium text-zinc-600 dark:text-zinc-400">Add and connect</p>
      {CONNECTABLE.map((kind) => (
        <button
          key={kind}
          type="button"
          data-testid={`pick-${kind}`}
          className="flex w-full items-center gap-2 rounded px-2 py-1 text-left text-sm hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none dark:hover:bg-zinc-800 dark:focus:bg-zinc-800"
          onClick={() => onPick(kind)}
        >
          <span className="h-3 w-3 rounded-sm" style={{ backgroundColor: nodeKinds[kind].color }} aria-hidden />
          {nodeKinds[kind].label}
        </button>
      ))}
    </div>
  );
}
