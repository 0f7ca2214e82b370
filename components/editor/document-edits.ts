import type { XYPosition } from "@xyflow/react";
import { nodeKinds, outputPortsOf, type NodeKind } from "@/lib/flow";
import type { CanvasEdge, CanvasNode, NodeDataOf } from "./canvas-types";
import type { NodeClipping } from "./clipboard";
import { toCanvasEdge, toCanvasNode, toFlowNode } from "./graph-convert";
import { newId } from "./ids";

/** Pure edits of the document's nodes and edges, composed by the document store into undoable steps. */

export function withData<Kind extends NodeKind>(node: CanvasNode, kind: Kind, data: NodeDataOf<Kind>): CanvasNode {
  if (node.type !== kind) return node;
  // node.type === kind narrows the value but not the generic; the shape is the same node with new data of its kind.
  return { ...node, data } as CanvasNode;
}

export function newNode(kind: NodeKind, position: XYPosition, id: string): CanvasNode {
  switch (kind) {
    case "start":
      return { id, type: kind, position, data: nodeKinds.start.defaults() };
    case "listen":
      return { id, type: kind, position, data: nodeKinds.listen.defaults() };
    case "branch":
      return { id, type: kind, position, data: nodeKinds.branch.defaults() };
    case "say":
      return { id, type: kind, position, data: nodeKinds.say.defaults() };
    case "set":
      return { id, type: kind, position, data: nodeKinds.set.defaults() };
    case "end":
      return { id, type: kind, position, data: nodeKinds.end.defaults() };
  }
}

export function newEdge(source: string, sourceHandle: string, target: string): CanvasEdge {
  return { id: newId("e"), type: "flow", source, sourceHandle, target };
}

export const unselected = <Item extends { selected?: boolean }>(items: Item[]): Item[] =>
  items.map((item) => (item.selected ? { ...item, selected: false } : item));

/** The port a node inserted into an edge leaves by: its first output (Listen: `heard`; Branch: its first condition). */
export function firstPortOf(node: CanvasNode): string | null {
  return outputPortsOf(toFlowNode(node))[0]?.id ?? null;
}

/**
 * Splits an edge A→B around a node N: A→N by the edge's port, N→B by N's first port. Null when N cannot go there (it
 * takes no input, has no output, or already has edges: wiring it in would leave those dangling or doubled).
 */
export function splitEdge(edges: readonly CanvasEdge[], edgeId: string, node: CanvasNode): CanvasEdge[] | null {
  const edge = edges.find((candidate) => candidate.id === edgeId);
  const port = firstPortOf(node);
  if (!edge || port === null || !nodeKinds[node.type].hasInput) return null;
  if (edge.source === node.id || edge.target === node.id) return null;
  if (edges.some((candidate) => candidate.source === node.id || candidate.target === node.id)) return null;
  return [
    ...edges.filter((candidate) => candidate.id !== edgeId),
    newEdge(edge.source, edge.sourceHandle ?? "", node.id),
    newEdge(node.id, port, edge.target),
  ];
}

/**
 * Nodes and edges from the clipboard as new canvas nodes: fresh ids (so pasting twice, or into the flow they came
 * from, never collides), moved by `offset`, selected.
 */
export function pastedFrom(clipping: NodeClipping, offset: XYPosition): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const ids = new Map(clipping.nodes.map((node) => [node.id, newId(node.kind)]));
  const nodes = clipping.nodes.map((node) => ({
    ...toCanvasNode({
      ...node,
      id: ids.get(node.id) ?? newId(node.kind),
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
    }),
    selected: true,
  }));
  const edges = clipping.edges.flatMap((edge) => {
    const source = ids.get(edge.source);
    const target = ids.get(edge.target);
    return source && target ? [{ ...toCanvasEdge({ ...edge, source, target }), id: newId("e") }] : [];
  });
  return { nodes, edges };
}
