import type { Connection, Edge } from "@xyflow/react";
import type { CanvasEdge, CanvasNode } from "./canvas-types";

/** Why a connection is refused, or null when it may be made. Mirrors the graph checks of lib/flow. */
export function connectionProblem(
  connection: Connection | Edge,
  nodes: readonly Pick<CanvasNode, "id" | "type">[],
  edges: readonly Pick<CanvasEdge, "source" | "sourceHandle">[],
): string | null {
  if (connection.source === connection.target) return "A node cannot lead into itself";
  const target = nodes.find((node) => node.id === connection.target);
  if (!target) return "No such node";
  if (target.type === "start") return "Nothing can lead into Start";
  const taken = edges.some(
    (edge) => edge.source === connection.source && (edge.sourceHandle ?? null) === (connection.sourceHandle ?? null),
  );
  if (taken) return "This output is already connected";
  return null;
}
