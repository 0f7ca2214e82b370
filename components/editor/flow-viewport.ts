import { getViewportForBounds, type Rect, type Viewport, type XYPosition } from "@xyflow/react";
import type { CanvasNode } from "./canvas-types";

/** A node's size before React Flow has measured it: w-48 and about a header, a body and two port rows. */
const ESTIMATED_NODE = { width: 192, height: 110 };

/** The zoom at which a node's 12 px text is still readable (about 8 px on screen). */
export const READABLE_ZOOM = 0.68;
/**
 * A flow whose fit would need less than a third of the readable zoom (about nine screens of it) opens as an overview;
 * a smaller one opens readable, from its Start, and is panned.
 */
const OVERVIEW_BELOW = READABLE_ZOOM / 3;
/** How the editor fits a flow: padding as a fraction of the box, zoom limits. */
export const FIT_OPTIONS = { padding: 0.04, maxZoom: 1.1, minZoom: 0.05 } as const;

/**
 * How the editor shows a flow in a box of `width` × `height`: fitted when it fits at a readable zoom or is far too big
 * for that (an overview); otherwise at the readable zoom, its left edge in view and its Start (or its middle) at the
 * box's vertical middle, so the conversation can be read from its beginning. A flow that takes less than a third of
 * the box's width is fitted against the left edge.
 */
export function viewportForFlow(nodeBounds: Rect, start: XYPosition | null, width: number, height: number): Viewport {
  const bounds = withRouteRoom(nodeBounds);
  const fit = getViewportForBounds(bounds, width, height, FIT_OPTIONS.minZoom, FIT_OPTIONS.maxZoom, FIT_OPTIONS.padding);
  // A flow just begun (a lone Start) sits at the left, with room for it to grow to the right.
  if (bounds.width * fit.zoom < width / 3) return { ...fit, x: (width * FIT_OPTIONS.padding) / 2 - bounds.x * fit.zoom };
  if (fit.zoom >= READABLE_ZOOM || fit.zoom < OVERVIEW_BELOW) return fit;
  const zoom = READABLE_ZOOM;
  const padX = (width * FIT_OPTIONS.padding) / 2;
  const padY = (height * FIT_OPTIONS.padding) / 2;
  const x = padX - bounds.x * zoom;
  if (bounds.height * zoom <= height - 2 * padY) return { x, y: height / 2 - (bounds.y + bounds.height / 2) * zoom, zoom };
  const anchor = start ?? { x: bounds.x, y: bounds.y + bounds.height / 2 };
  const y = height / 2 - anchor.y * zoom;
  // Not past the flow's top or bottom edge.
  const highest = padY - bounds.y * zoom;
  const lowest = height - padY - (bounds.y + bounds.height) * zoom;
  return { x, y: Math.min(highest, Math.max(lowest, y)), zoom };
}

/** Room beside the nodes for the lanes of back edges (back-edge-route.ts), so a fitted view does not cut them. */
const ROUTE_ROOM = 28;

function withRouteRoom(bounds: Rect): Rect {
  return {
    x: bounds.x - ROUTE_ROOM,
    y: bounds.y - ROUTE_ROOM,
    width: bounds.width + 2 * ROUTE_ROOM,
    height: bounds.height + 2 * ROUTE_ROOM,
  };
}

/** The box around nodes placed at their positions with an estimated size, and the middle of the Start node. */
export function estimatedBounds(nodes: readonly CanvasNode[]): { bounds: Rect; start: XYPosition | null } | null {
  if (nodes.length === 0) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  let start: XYPosition | null = null;
  for (const node of nodes) {
    const { position } = node;
    const width = node.measured?.width ?? ESTIMATED_NODE.width;
    const height = node.measured?.height ?? ESTIMATED_NODE.height;
    left = Math.min(left, position.x);
    top = Math.min(top, position.y);
    right = Math.max(right, position.x + width);
    bottom = Math.max(bottom, position.y + height);
    if (node.type === "start" && start === null) start = { x: position.x + width / 2, y: position.y + height / 2 };
  }
  return { bounds: { x: left, y: top, width: right - left, height: bottom - top }, start };
}

/**
 * The viewport for the nodes' estimated sizes in a box of the given size. The canvas starts there instead of at zoom 1:
 * a large flow's nodes then mount at the zoomed-out level of detail they will be shown at, rather than mounting in full
 * detail, being measured, and being re-rendered and measured again when the fit drops below the detail zoom.
 */
export function estimatedViewport(nodes: readonly CanvasNode[], width: number, height: number): Viewport | undefined {
  const estimate = estimatedBounds(nodes);
  if (!estimate || width <= 0 || height <= 0) return undefined;
  return viewportForFlow(estimate.bounds, estimate.start, width, height);
}
