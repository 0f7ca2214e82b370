import { nodeKindNames, type NodeKind } from "@/lib/flow";
import type { CanvasNode } from "./canvas-types";

/** Sizes of a node not measured yet (a node is w-48 and about this tall). */
const DEFAULT_NODE_WIDTH = 192;
const DEFAULT_NODE_HEIGHT = 64;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The nodes as one path per kind (and one for the selection), and the box around them. */
export interface Drawing {
  paths: { kind: NodeKind; d: string }[];
  selected: string;
  bounds: Rect | null;
}

function rectPath({ x, y, width, height }: Rect): string {
  return `M${Math.round(x)} ${Math.round(y)}h${Math.round(width)}v${Math.round(height)}h${-Math.round(width)}z`;
}

/** Draws the nodes for the minimap: a rectangle each, in one path per kind; sizes as measured by React Flow. */
export function drawNodes(nodes: readonly CanvasNode[]): Drawing {
  const byKind = new Map<NodeKind, string[]>();
  const selected: string[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    const rect = {
      x: node.position.x,
      y: node.position.y,
      width: node.measured?.width ?? DEFAULT_NODE_WIDTH,
      height: node.measured?.height ?? DEFAULT_NODE_HEIGHT,
    };
    const path = rectPath(rect);
    let list = byKind.get(node.type);
    if (!list) byKind.set(node.type, (list = []));
    list.push(path);
    if (node.selected) selected.push(path);
    minX = Math.min(minX, rect.x);
    minY = Math.min(minY, rect.y);
    maxX = Math.max(maxX, rect.x + rect.width);
    maxY = Math.max(maxY, rect.y + rect.height);
  }
  return {
    paths: nodeKindNames.flatMap((kind) => {
      const list = byKind.get(kind);
      return list ? [{ kind, d: list.join("") }] : [];
    }),
    selected: selected.join(""),
    bounds: nodes.length === 0 ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
  };
}
