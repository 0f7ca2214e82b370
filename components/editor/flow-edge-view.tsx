"use client";

import { BaseEdge, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import type { CanvasEdge } from "./canvas-types";
import { useRunStore } from "./test-panel/run-store";
import { useUiStore } from "./ui-store";

/** An edge that reads only its own issue and traversal state. */
export const FlowEdgeView = memo(function FlowEdgeView(props: EdgeProps<CanvasEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const issue = useUiStore((state) => state.edgeIssues[id]);
  const visited = useRunStore((state) => state.visitedEdges[id] === true);
  const stroke = visited ? "#10b981" : issue === "error" ? "#ef4444" : issue === "warning" ? "#f59e0b" : selected ? "#0ea5e9" : "#a1a1aa";
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
      style={{ stroke, strokeWidth: visited || selected ? 3 : 2, strokeDasharray: issue === "error" ? "6 4" : undefined }}
    />
  );
});

/** Module-level, like nodeTypes. */
export const edgeTypes = { flow: FlowEdgeView };
