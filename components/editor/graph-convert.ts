import { FLOW_SCHEMA_VERSION, type FlowEdge, type FlowGraph, type FlowNode, type FlowVoiceSettings } from "@/lib/flow";
import type { CanvasEdge, CanvasNode } from "./canvas-types";

/** The canvas twin of a stored node. */
export function toCanvasNode(node: FlowNode): CanvasNode {
  switch (node.kind) {
    case "start":
      return { id: node.id, type: "start", position: { ...node.position }, data: node.data };
    case "listen":
      return { id: node.id, type: "listen", position: { ...node.position }, data: node.data };
    case "branch":
      return { id: node.id, type: "branch", position: { ...node.position }, data: node.data };
    case "say":
      return { id: node.id, type: "say", position: { ...node.position }, data: node.data };
    case "set":
      return { id: node.id, type: "set", position: { ...node.position }, data: node.data };
    case "end":
      return { id: node.id, type: "end", position: { ...node.position }, data: node.data };
  }
}

/** The stored node of a canvas node (drops selection, measurements and other view state). */
export function toFlowNode(node: CanvasNode): FlowNode {
  const position = { x: node.position.x, y: node.position.y };
  switch (node.type) {
    case "start":
      return { id: node.id, kind: "start", position, data: node.data };
    case "listen":
      return { id: node.id, kind: "listen", position, data: node.data };
    case "branch":
      return { id: node.id, kind: "branch", position, data: node.data };
    case "say":
      return { id: node.id, kind: "say", position, data: node.data };
    case "set":
      return { id: node.id, kind: "set", position, data: node.data };
    case "end":
      return { id: node.id, kind: "end", position, data: node.data };
  }
}

export function toCanvasEdge(edge: FlowEdge): CanvasEdge {
  return { id: edge.id, type: "flow", source: edge.source, sourceHandle: edge.sourcePort, target: edge.target };
}

export function toFlowEdge(edge: CanvasEdge): FlowEdge {
  return { id: edge.id, source: edge.source, sourcePort: edge.sourceHandle ?? "", target: edge.target };
}

/** Stored graph → canvas nodes and edges. */
export function graphToCanvas(graph: FlowGraph): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  return { nodes: graph.nodes.map(toCanvasNode), edges: graph.edges.map(toCanvasEdge) };
}

/** Canvas nodes and edges, and the flow's voice settings → stored graph. */
export function canvasToGraph(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[], voice?: FlowVoiceSettings): FlowGraph {
  return { schemaVersion: FLOW_SCHEMA_VERSION, nodes: nodes.map(toFlowNode), edges: edges.map(toFlowEdge), ...(voice ? { voice } : {}) };
}
