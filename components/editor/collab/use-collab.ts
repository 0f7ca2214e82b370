"use client";

import { useReactFlow } from "@xyflow/react";
import { useEffect, type RefObject } from "react";
import type { CanvasEdge, CanvasNode } from "../canvas-types";
import { useDocumentStore } from "../document-store";
import { CollabSession } from "./collab-session";

/** Pointer positions are sent at most this often. */
const POINTER_EVERY_MS = 50;

/**
 * Co-edits the open flow live with whoever else has it open (collab-session.ts), and tells them where this person's
 * pointer is on the canvas and which nodes they selected.
 */
export function useCollab(flowId: string | null, canvas: RefObject<HTMLElement | null>): void {
  const { screenToFlowPosition } = useReactFlow<CanvasNode, CanvasEdge>();
  useEffect(() => {
    if (flowId === null) return;
    const session = new CollabSession(flowId);
    let cursor: { x: number; y: number } | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const selection = () =>
      useDocumentStore
        .getState()
        .nodes.filter((node) => node.selected)
        .map((node) => node.id);
    const send = () => {
      timer = undefined;
      session.sendPresence({ cursor, selection: selection() });
    };
    const schedule = () => {
      timer ??= setTimeout(send, POINTER_EVERY_MS);
    };
    const onMove = (event: PointerEvent) => {
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      cursor = { x: Math.round(at.x), y: Math.round(at.y) };
      schedule();
    };
    const onLeave = () => {
      cursor = null;
      schedule();
    };
    const element = canvas.current;
    element?.addEventListener("pointermove", onMove);
    element?.addEventListener("pointerleave", onLeave);
    const unsubscribe = useDocumentStore.subscribe((state, previous) => {
      if (state.nodes !== previous.nodes) schedule();
    });
    return () => {
      clearTimeout(timer);
      element?.removeEventListener("pointermove", onMove);
      element?.removeEventListener("pointerleave", onLeave);
      unsubscribe();
      session.close();
    };
  }, [flowId, canvas, screenToFlowPosition]);
}
