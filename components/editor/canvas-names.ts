import { nodeDisplayName, outputPortsOf } from "@/lib/flow";
import type { CanvasEdge, CanvasNode } from "./canvas-types";
import { toFlowNode } from "./graph-convert";

function edgeName(edge: CanvasEdge, byId: ReadonlyMap<string, CanvasNode>): string {
  const source = byId.get(edge.source);
  const target = byId.get(edge.target);
  const port = source ? outputPortsOf(toFlowNode(source)).find((candidate) => candidate.id === edge.sourceHandle) : undefined;
  const from = source?.ariaLabel ?? "a missing node";
  return `Arrow from ${from}${port ? ` (${port.label})` : ""} to ${target?.ariaLabel ?? "a missing node"}`;
}

/**
 * Gives nodes and edges the names screen readers announce (React Flow's `ariaLabel`; an edge otherwise reads "Edge from
 * say-wma799p3 to …"). With `only`, just those nodes and the edges touching them are renamed (an edit of one node's
 * data). Objects whose name is unchanged keep their identity, so React Flow re-renders only renamed ones; arrays
 * too, when nothing changed.
 */
export function withAccessibleNames(
  nodes: CanvasNode[],
  edges: CanvasEdge[],
  only?: ReadonlySet<string>,
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  let nodesChanged = false;
  const namedNodes = nodes.map((node) => {
    if (only && !only.has(node.id) && node.ariaLabel !== undefined) return node;
    const name = nodeDisplayName(toFlowNode(node));
    if (node.ariaLabel === name) return node;
    nodesChanged = true;
    return { ...node, ariaLabel: name };
  });
  const byId = new Map(namedNodes.map((node) => [node.id, node]));
  let edgesChanged = false;
  const namedEdges = edges.map((edge) => {
    if (only && !only.has(edge.source) && !only.has(edge.target) && edge.ariaLabel !== undefined) return edge;
    const name = edgeName(edge, byId);
    if (edge.ariaLabel === name) return edge;
    edgesChanged = true;
    return { ...edge, ariaLabel: name };
  });
  return { nodes: nodesChanged ? namedNodes : nodes, edges: edgesChanged ? namedEdges : edges };
}
