import type { PointerEvent } from "react";

/**
 * Captures the pointer on the canvas node a primary press lands on, for as long as the button is down. The browser
 * then sends a drag's moves straight to that node instead of hit-testing the canvas under the pointer for each one
 * (and again after each frame, for hover): on a 1,000-node flow that testing was ~10% of a drag's main-thread time.
 * Ports are left alone, because a connection being dragged must find the port under the pointer, and so are controls
 * marked `nodrag`. Clicks still reach the node: it is both the press's and the release's target.
 */
export function capturePointerOnNode(event: PointerEvent<HTMLDivElement>): void {
  if (event.button !== 0 || !event.isPrimary) return;
  const target = event.target;
  if (!(target instanceof Element) || target.closest(".react-flow__handle, .nodrag")) return;
  const node = target.closest(".react-flow__node");
  if (node) node.setPointerCapture(event.pointerId);
}
