"use client";

import { useReactFlow, useStore, useStoreApi, type ReactFlowState, type Viewport } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef } from "react";
import type { CanvasEdge, CanvasNode } from "./canvas-types";
import { useDocumentStore } from "./document-store";
import { READABLE_ZOOM, viewportForFlow } from "./flow-viewport";
import { useRunStore } from "./test-panel/run-store";

/** What moving the view (fit, reveal) needs, shared by the toolbar, the Problems list, the trace and the canvas. */
export interface FlowView {
  /** Shows the flow as viewportForFlow says (fitted, readable from its Start, or an overview). */
  fit(options?: { duration?: number }): void;
  /** Selects a node and brings it to the middle of the view at a readable zoom. */
  reveal(nodeId: string): void;
  /** The person panned or zoomed: the view is theirs, and a resize no longer refits it. */
  movedByPerson(): void;
  /** Pans just enough (or zooms to readable) to show a node, unless the view shows it already: a node just added. */
  keepInView(nodeId: string): void;
}

const NODE_SIZE = { width: 192, height: 100 };
/** How close to the canvas's edge the lit node may come before the view follows it. */
const FOLLOW_MARGIN = 8;

const selectSize = (state: ReactFlowState) => `${state.width}x${state.height}`;

/**
 * The editor's view of the flow: fitting it (readably), revealing a node, refitting when the canvas is resized while
 * the view is still as fitted (a panel opened or was resized), and keeping the lit node in view during a test.
 */
export function useFlowView(): FlowView {
  const { getNodesBounds, setViewport, setCenter, getZoom } = useReactFlow<CanvasNode, CanvasEdge>();
  const store = useStoreApi<CanvasNode, CanvasEdge>();
  const fitted = useRef(false);
  /**
   * Where the view is going while it animates there: whether the lit node will be in view is judged against that, not
   * against a frame of the animation (a node lit a moment after the last one would otherwise seem to be in view).
   */
  const heading = useRef<Viewport | null>(null);

  const fit = useCallback(
    (options: { duration?: number } = {}) => {
      const { nodes } = useDocumentStore.getState();
      const { width, height, nodeLookup } = store.getState();
      if (nodes.length === 0 || width === 0 || height === 0) return;
      const startNode = nodes.find((node) => node.type === "start");
      const internal = startNode ? nodeLookup.get(startNode.id) : undefined;
      const start = internal
        ? {
            x: internal.internals.positionAbsolute.x + (internal.measured.width ?? NODE_SIZE.width) / 2,
            y: internal.internals.positionAbsolute.y + (internal.measured.height ?? NODE_SIZE.height) / 2,
          }
        : null;
      fitted.current = true;
      const target = viewportForFlow(getNodesBounds(nodes), start, width, height);
      heading.current = target;
      void setViewport(target, options).then(() => {
        if (heading.current === target) heading.current = null;
      });
    },
    [getNodesBounds, setViewport, store],
  );

  const center = useCallback(
    (nodeId: string, zoom: number, duration: number) => {
      const node = store.getState().nodeLookup.get(nodeId);
      if (!node) return;
      const width = node.measured.width ?? NODE_SIZE.width;
      const height = node.measured.height ?? NODE_SIZE.height;
      const x = node.internals.positionAbsolute.x + width / 2;
      const y = node.internals.positionAbsolute.y + height / 2;
      const box = store.getState();
      const target = { x: box.width / 2 - x * zoom, y: box.height / 2 - y * zoom, zoom };
      fitted.current = false;
      heading.current = target;
      void setCenter(x, y, { zoom, duration }).then(() => {
        if (heading.current === target) heading.current = null;
      });
    },
    [setCenter, store],
  );

  /**
   * Brings a node into view (at a readable zoom) unless the view shows it, or is on its way to. A node added a moment
   * ago may not be in React Flow's lookup yet: its place in the document, at the size of a new node, stands in.
   */
  const keepInView = useCallback(
    (nodeId: string) => {
      const internal = store.getState().nodeLookup.get(nodeId);
      const stored = internal ? undefined : useDocumentStore.getState().nodes.find((candidate) => candidate.id === nodeId);
      const position = internal?.internals.positionAbsolute ?? stored?.position;
      if (!position) return;
      const { width, height, transform } = store.getState();
      const { x, y, zoom } = heading.current ?? { x: transform[0], y: transform[1], zoom: transform[2] };
      const left = position.x * zoom + x;
      const top = position.y * zoom + y;
      const right = left + (internal?.measured.width ?? NODE_SIZE.width) * zoom;
      const bottom = top + (internal?.measured.height ?? NODE_SIZE.height) * zoom;
      const inside = left >= FOLLOW_MARGIN && top >= FOLLOW_MARGIN && right <= width - FOLLOW_MARGIN && bottom <= height - FOLLOW_MARGIN;
      if (inside && zoom >= READABLE_ZOOM) return;
      if (internal) {
        center(nodeId, Math.max(zoom, READABLE_ZOOM), 300);
        return;
      }
      const target = Math.max(zoom, READABLE_ZOOM);
      fitted.current = false;
      void setCenter(position.x + NODE_SIZE.width / 2, position.y + NODE_SIZE.height / 2, { zoom: target, duration: 300 });
    },
    [center, setCenter, store],
  );

  /** Brings the lit node into view during a test. */
  const keepLitInView = useCallback(() => {
    const nodeId = useRunStore.getState().currentNodeId;
    if (nodeId !== null) keepInView(nodeId);
  }, [keepInView]);

  const reveal = useCallback(
    (nodeId: string) => {
      useDocumentStore.getState().selectOnly(nodeId);
      center(nodeId, Math.max(getZoom(), 1), 300);
    },
    [center, getZoom],
  );

  // A resize (a panel opened, folded or resized) refits a view that is still as fitted; one the person moved stays.
  const size = useStore(selectSize);
  useEffect(() => {
    if (fitted.current) fit();
    keepLitInView();
  }, [size, fit, keepLitInView]);

  // During a test the lit node stays in view: the view follows it when it comes near an edge or leaves.
  useEffect(
    () =>
      useRunStore.subscribe((state, previous) => {
        if (state.currentNodeId !== null && state.currentNodeId !== previous.currentNodeId) keepLitInView();
      }),
    [keepLitInView],
  );

  const movedByPerson = useCallback(() => {
    fitted.current = false;
  }, []);

  // One object for as long as its functions are the same, so callers can depend on it.
  return useMemo(() => ({ fit, reveal, movedByPerson, keepInView }), [fit, reveal, movedByPerson, keepInView]);
}
