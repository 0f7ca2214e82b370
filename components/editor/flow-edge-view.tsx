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
  return (
    <g data-testid={`edge-${id}`} data-visited={visited ? "true" : "false"} data-issue={issue ?? "none"}>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{ stroke, strokeWidth: visited || selected ? 3 : 2, strokeDasharray: issue === "error" ? "6 4" : undefined }}
      />
    </g>
  );
});

/** Module-level, like nodeTypes. */
export const edgeTypes = { flow: FlowEdgeView };
