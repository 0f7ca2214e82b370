import type { XYPosition } from "@xyflow/react";
import { nodeKinds, outputPortsOf, type NodeKind } from "@/lib/flow";
import type { CanvasEdge, CanvasNode } from "./canvas-types";
import { toFlowNode } from "./graph-convert";

/** A new node's size before it is measured. */
export const NEW_NODE_SIZE = { width: 192, height: 110 };
/** Room kept around nodes, and the step of the search for a free place. */
const MARGIN = 24;
const STEP = 40;
const RINGS = 24;
/** How far right of the node it follows a new node goes. */
const FOLLOW_GAP = 80;

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function rectOf(node: CanvasNode): Rect {
  return {
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? NEW_NODE_SIZE.width,
    height: node.measured?.height ?? NEW_NODE_SIZE.height,
  };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width + MARGIN && b.x < a.x + a.width + MARGIN && a.y < b.y + b.height + MARGIN && b.y < a.y + a.height + MARGIN;
}

/** Whether the segment p→q crosses the rectangle (Liang-Barsky clipping). */
function segmentCrosses(p: XYPosition, q: XYPosition, rect: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const checks: Array<[number, number]> = [
    [-dx, p.x - rect.x],
    [dx, rect.x + rect.width - p.x],
    [-dy, p.y - rect.y],
    [dy, rect.y + rect.height - p.y],
  ];
  for (const [direction, distance] of checks) {
    if (direction === 0) {
      if (distance < 0) return false;
      continue;
    }
    const t = distance / direction;
    if (direction < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** Edges as straight segments from the source's right side to the target's left side: close enough to keep clear of. */
function edgeSegments(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Array<[XYPosition, XYPosition]> {
  const rects = new Map(nodes.map((node) => [node.id, rectOf(node)]));
  return edges.flatMap((edge): Array<[XYPosition, XYPosition]> => {
    const source = rects.get(edge.source);
    const target = rects.get(edge.target);
    if (!source || !target) return [];
    return [
      [
        { x: source.x + source.width, y: source.y + source.height / 2 },
        { x: target.x, y: target.y + target.height / 2 },
      ],
    ];
  });
}

/**
 * The free place nearest to `preferred` (by rings of STEP around it) where a new node covers no node and no edge. With
 * `rightward`, places left of `preferred` come only after every place at or right of it (a node that follows another
 * should not end up behind it).
 */
export function freePosition(
  preferred: XYPosition,
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  rightward = false,
): XYPosition {
  const rects = nodes.map(rectOf);
  const segments = edgeSegments(nodes, edges);
  const isFree = (position: XYPosition) => {
    const rect = { ...position, ...NEW_NODE_SIZE };
    const padded = { x: rect.x - MARGIN / 2, y: rect.y - MARGIN / 2, width: rect.width + MARGIN, height: rect.height + MARGIN };
    return rects.every((other) => !overlaps(rect, other)) && segments.every(([p, q]) => !segmentCrosses(p, q, padded));
  };
  if (isFree(preferred)) return preferred;
  for (const pass of rightward ? ["right", "any"] : ["any"]) {
    for (let ring = 1; ring <= RINGS; ring += 1) {
      // Right and down first: where a flow grows.
      for (let dy = 0; dy <= ring; dy += 1) {
        for (const [sx, sy] of [
          [ring, dy],
          [ring, -dy],
          [dy, ring],
          [-dy, ring],
          [-ring, dy],
          [-ring, -dy],
          [dy, -ring],
          [-dy, -ring],
        ] as const) {
          if (pass === "right" && sx < 0) continue;
          const candidate = { x: preferred.x + sx * STEP, y: preferred.y + sy * STEP };
          if (isFree(candidate)) return candidate;
        }
      }
    }
  }
  return preferred;
}

/** Where a node added from the keyboard goes, and the port it is wired from when that is unambiguous. */
export interface Placement {
  position: XYPosition;
  from: { source: string; sourceHandle: string } | null;
}

/**
 * Places a node added from the keyboard: beside the one selected node, wired from it when that node has exactly one
 * free output and the new kind takes input; otherwise at the free place nearest the view's middle.
 */
export function placeNewNode(
  kind: NodeKind,
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  viewCenter: XYPosition,
): Placement {
  const selected = nodes.filter((node) => node.selected);
  const anchor = selected.length === 1 ? selected[0] : undefined;
  if (!anchor) {
    return {
      position: freePosition({ x: viewCenter.x - NEW_NODE_SIZE.width / 2, y: viewCenter.y - NEW_NODE_SIZE.height / 2 }, nodes, edges),
      from: null,
    };
  }
  const rect = rectOf(anchor);
  const free = outputPortsOf(toFlowNode(anchor)).filter(
    (port) => !edges.some((edge) => edge.source === anchor.id && edge.sourceHandle === port.id),
  );
  const wired = nodeKinds[kind].hasInput && free.length === 1 ? { source: anchor.id, sourceHandle: free[0]!.id } : null;
  return { position: freePosition({ x: rect.x + rect.width + FOLLOW_GAP, y: rect.y }, nodes, edges, true), from: wired };
}
