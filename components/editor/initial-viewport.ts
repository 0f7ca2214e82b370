import { getViewportForBounds, type Viewport } from "@xyflow/react";
import type { CanvasNode } from "./canvas-types";

/** A node's size before React Flow has measured it: w-48 and about a header, a body and two port rows. */
const ESTIMATED_NODE = { width: 192, height: 110 };

/** How the editor fits a flow in view (once the nodes are measured, and estimated before). */
export const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.1, minZoom: 0.05 } as const;

/**
 * The viewport that fits the nodes in a box of the given size, from their positions and an estimated size. The
 * canvas starts there instead of at zoom 1: a large flow's nodes then mount at the zoomed-out level of detail
 * they will be shown at, rather than mounting in full detail, being measured, and being re-rendered and
 * measured again when the fit drops below the detail zoom.
 */
export function estimatedFitViewport(nodes: readonly CanvasNode[], width: number, height: number): Viewport | undefined {
  if (nodes.length === 0 || width <= 0 || height <= 0) return undefined;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const { position } of nodes) {
    left = Math.min(left, position.x);
    top = Math.min(top, position.y);
    right = Math.max(right, position.x + ESTIMATED_NODE.width);
    bottom = Math.max(bottom, position.y + ESTIMATED_NODE.height);
  }
  const bounds = { x: left, y: top, width: right - left, height: bottom - top };
  return getViewportForBounds(bounds, width, height, FIT_OPTIONS.minZoom, FIT_OPTIONS.maxZoom, FIT_OPTIONS.padding);
}
