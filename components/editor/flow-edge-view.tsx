"use client";

import { BaseEdge, getBezierPath, useStoreApi, type EdgeProps, type InternalNode } from "@xyflow/react";
import { memo } from "react";
import { backEdgeLane, backEdgePath, isBackEdge, type Box } from "./back-edge-route";
import type { CanvasEdge, CanvasNode } from "./canvas-types";
import { useRunStore } from "./test-panel/run-store";
import { useUiStore } from "./ui-store";

/** A node's box as React Flow measured it (before it is measured: about the size of a node). */
function boxOf(node: InternalNode<CanvasNode> | undefined, fallbackX: number, fallbackY: number): Box {
  if (!node) return { x: fallbackX, y: fallbackY - 50, width: 192, height: 100 };
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width ?? 192, height: node.measured.height ?? 100 };
}

/**
 * An edge that reads only its own issue and traversal state. A back edge (a loop, or a flow wrapped onto the next row)
 * would be drawn as a bezier curling behind its two nodes; it is routed around them instead, through a lane beside
 * them (back-edge-route.ts). The nodes' boxes are read from React Flow's lookup when the edge renders, not subscribed
 * to: an edge re-renders whenever its ends move, and a subscription per edge would be called on every store change.
 */
export const FlowEdgeView = memo(function FlowEdgeView(props: EdgeProps<CanvasEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd } = props;
  const store = useStoreApi<CanvasNode, CanvasEdge>();
  let path: string;
  if (isBackEdge(sourceX, targetX)) {
    const { nodeLookup } = store.getState();
    const lane = backEdgeLane(boxOf(nodeLookup.get(source), sourceX, sourceY), boxOf(nodeLookup.get(target), targetX, targetY));
    path = backEdgePath(sourceX, sourceY, targetX, targetY, lane);
  } else {
    [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  }
  const issue = useUiStore((state) => state.edgeIssues[id]);
  const visited = useRunStore((state) => state.visitedEdges[id] === true);
  const stroke = visited ? "#059669" : issue === "error" ? "#dc2626" : issue === "warning" ? "#d97706" : selected ? "#0284c7" : "#a1a1aa";
  // The test hooks sit on the edge's path (BaseEdge passes them on) rather than on a group of their own: one
  // element fewer per edge, thousands on a large flow.
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      data-testid={`edge-${id}`}
      data-visited={visited ? "true" : "false"}
      data-issue={issue ?? "none"}
      data-selected={selected ? "true" : "false"}
      style={{ stroke, strokeWidth: visited || selected ? 3 : 2, strokeDasharray: issue === "error" ? "6 4" : undefined }}
    />
  );
});

/** Module-level, like nodeTypes. */
export const edgeTypes = { flow: FlowEdgeView };
