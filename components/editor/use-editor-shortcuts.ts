"use client";

import { useEffect } from "react";
import { nodeKindNames, nodeKinds, type NodeKind } from "@/lib/flow";
import { useDocumentStore } from "./document-store";
import { useUiStore } from "./ui-store";

const kindByShortcut = new Map<string, NodeKind>(nodeKindNames.map((kind) => [nodeKinds[kind].shortcut, kind]));
const PASTE_OFFSET = { x: 40, y: 40 };

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * Editor keys: undo/redo, copy/paste/duplicate, delete, select all, and each kind's shortcut to add a node.
 * Ignored while typing in a field, so the inspector and the test chat keep their keys.
 */
export function useEditorShortcuts(addAtCenter: (kind: NodeKind) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.defaultPrevented) return;
      const doc = useDocumentStore.getState();
      const ui = useUiStore.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === "z") {
        event.preventDefault();
        if (event.shiftKey) doc.redo();
        else doc.undo();
      } else if (mod && key === "y") {
        event.preventDefault();
        doc.redo();
      } else if (mod && key === "c") {
        const snapshot = doc.copySelection();
        if (snapshot) ui.setClipboard(snapshot);
      } else if (mod && key === "v") {
        if (!ui.clipboard) return;
        event.preventDefault();
        doc.paste(ui.clipboard, PASTE_OFFSET);
        // The next paste lands beside this one, not on top of it.
        ui.setClipboard(useDocumentStore.getState().copySelection());
      } else if (mod && key === "d") {
        event.preventDefault();
        doc.duplicateSelection();
      } else if (!mod && (key === "delete" || key === "backspace")) {
        event.preventDefault();
        doc.deleteSelection();
      } else if (!mod && !event.altKey && !event.shiftKey) {
        const kind = kindByShortcut.get(key);
        if (kind) {
          event.preventDefault();
          addAtCenter(kind);
        }
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [addAtCenter]);
}
