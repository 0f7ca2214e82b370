"use client";

import type { XYPosition } from "@xyflow/react";
import { useEffect } from "react";
import { nodeKindNames, nodeKinds, type NodeKind } from "@/lib/flow";
import { clippingText, parseClipping } from "./clipboard";
import { useDocumentStore } from "./document-store";

const kindByShortcut = new Map<string, NodeKind>(nodeKindNames.map((kind) => [nodeKinds[kind].shortcut, kind]));
/** A paste into the flow it was copied from lands beside the original, not on it. */
const PASTE_OFFSET = { x: 40, y: 40 };

/** Whether the key goes to a field (then undo, copy and paste are the field's, not the canvas's). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Whether a modal dialog (the conflict dialog) is open: the canvas behind it takes no keys. */
function modalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

export interface ShortcutTargets {
  /** Adds a node of the kind whose key was pressed (placement: placement.ts). */
  addByKey(kind: NodeKind): void;
  /** The flow position in the middle of the canvas, where a clipping from another flow is pasted. */
  viewCenter(): XYPosition | null;
  /** Focuses the find box. */
  openSearch(): void;
}

/**
 * Editor keys: undo/redo, duplicate, delete, find, and each kind's key to add a node; copy and paste through the
 * system clipboard (the `copy` and `paste` events), so a selection travels between flows and tabs. Inside a field the
 * keys are the field's: Ctrl+Z undoes typing there, not a step of the canvas.
 */
export function useEditorShortcuts(targets: ShortcutTargets): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.defaultPrevented || modalOpen()) return;
      const doc = useDocumentStore.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === "z") {
        event.preventDefault();
        if (event.shiftKey) doc.redo();
        else doc.undo();
      } else if (mod && key === "y") {
        event.preventDefault();
        doc.redo();
      } else if (mod && key === "d") {
        event.preventDefault();
        doc.duplicateSelection();
      } else if (mod && key === "f") {
        event.preventDefault();
        targets.openSearch();
      } else if (!mod && (key === "delete" || key === "backspace")) {
        event.preventDefault();
        doc.deleteSelection();
      } else if (!mod && !event.altKey && !event.shiftKey) {
        const kind = kindByShortcut.get(key);
        if (kind) {
          event.preventDefault();
          targets.addByKey(kind);
        }
      }
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isTyping(event.target) || modalOpen() || hasTextSelection()) return;
      const clipping = useDocumentStore.getState().copySelection();
      if (!clipping || !event.clipboardData) return;
      event.clipboardData.setData("text/plain", clippingText(clipping));
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target) || modalOpen()) return;
      const clipping = parseClipping(event.clipboardData?.getData("text/plain") ?? "");
      if (!clipping) return;
      event.preventDefault();
      const doc = useDocumentStore.getState();
      const present = new Set(doc.nodes.map((node) => node.id));
      const fromHere = clipping.nodes.every((node) => present.has(node.id));
      const center = targets.viewCenter();
      doc.paste(clipping, fromHere || !center ? PASTE_OFFSET : offsetTo(clipping, center));
    };
    window.addEventListener("keydown", onKeyDown);
    document.addEventListener("copy", onCopy);
    document.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("paste", onPaste);
    };
  }, [targets]);
}

/** Someone selected text on the page to copy it: that copy is theirs. */
function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString() !== "";
}

/** The offset that puts a clipping's middle at `center`. */
function offsetTo(clipping: { nodes: ReadonlyArray<{ position: XYPosition }> }, center: XYPosition): XYPosition {
  const xs = clipping.nodes.map((node) => node.position.x);
  const ys = clipping.nodes.map((node) => node.position.y);
  return { x: center.x - (Math.min(...xs) + Math.max(...xs) + 192) / 2, y: center.y - (Math.min(...ys) + Math.max(...ys) + 100) / 2 };
}
