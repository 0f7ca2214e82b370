import type { XYPosition } from "@xyflow/react";
import type { FlowGraph, FlowVoiceSettings } from "@/lib/flow";
import { withAccessibleNames } from "./canvas-names";
import type { CanvasEdge, CanvasNode } from "./canvas-types";
import { graphToCanvas } from "./graph-convert";

/** What the canvas shows now: the part of the document store a shared graph is merged into. */
interface ShownCanvas {
  name: string;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  voice: FlowVoiceSettings | undefined;
}

/**
 * The canvas for a co-edited document's graph (a teammate's edit, this person's undo), keeping what the canvas holds
 * about each node that stays (its selection, measured size, a drag under way) and each selected edge, and whether
 * anything but positions changed (validation runs again only then). Nodes that did not change are the same objects,
 * so React Flow does not draw them again.
 */
export function sharedCanvas(
  shown: ShownCanvas,
  name: string,
  graph: FlowGraph,
): { nodes: CanvasNode[]; edges: CanvasEdge[]; onlyMoved: boolean } {
  const canvas = graphToCanvas(graph);
  const before = new Map(shown.nodes.map((node) => [node.id, node]));
  const kept = canvas.nodes.map((node) => {
    const old = before.get(node.id);
    if (!old) return node;
    if (old.type === node.type && samePosition(old.position, node.position) && sameJson(old.data, node.data)) return old;
    return {
      ...node,
      selected: old.selected,
      measured: old.measured,
      width: old.width,
      height: old.height,
      dragging: old.dragging,
    } as CanvasNode;
  });
  const selectedEdges = new Set(shown.edges.filter((edge) => edge.selected).map((edge) => edge.id));
  const edges = canvas.edges.map((edge) => (selectedEdges.has(edge.id) ? { ...edge, selected: true } : edge));
  const named = withAccessibleNames(kept, edges);
  const onlyMoved = name === shown.name && graphStructureSame(shown, named.nodes, named.edges, graph.voice);
  return { nodes: named.nodes, edges: named.edges, onlyMoved };
}

function samePosition(a: XYPosition, b: XYPosition): boolean {
  return a.x === b.x && a.y === b.y;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Whether only positions differ: same nodes with the same data, same edges and voice. */
function graphStructureSame(
  shown: ShownCanvas,
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  voice: FlowVoiceSettings | undefined,
): boolean {
  if (nodes.length !== shown.nodes.length || edges.length !== shown.edges.length || !sameJson(voice, shown.voice)) return false;
  const before = new Map(shown.nodes.map((node) => [node.id, node]));
  const sameNodes = nodes.every((node) => {
    const old = before.get(node.id);
    return old !== undefined && old.type === node.type && sameJson(old.data, node.data);
  });
  const edgeKeys = new Set(shown.edges.map((edge) => `${edge.id}|${edge.source}|${edge.sourceHandle ?? ""}|${edge.target}`));
  return sameNodes && edges.every((edge) => edgeKeys.has(`${edge.id}|${edge.source}|${edge.sourceHandle ?? ""}|${edge.target}`));
}
