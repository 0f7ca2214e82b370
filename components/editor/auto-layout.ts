import type { XYPosition } from "@xyflow/react";
import ELK from "elkjs/lib/elk.bundled.js";
import type { CanvasEdge, CanvasNode } from "./canvas-types";

const elk = new ELK();
const FALLBACK_SIZE = { width: 192, height: 96 };

/** Left-to-right layered layout of the graph (elkjs); resolves each node's new top-left position. */
export async function layoutPositions(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Promise<Map<string, XYPosition>> {
  const ids = new Set(nodes.map((node) => node.id));
  const result = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": "80",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
    },
    children: nodes.map((node) => ({
      id: node.id,
      width: node.measured?.width ?? FALLBACK_SIZE.width,
      height: node.measured?.height ?? FALLBACK_SIZE.height,
    })),
    edges: edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  const positions = new Map<string, XYPosition>();
  for (const child of result.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return positions;
}
