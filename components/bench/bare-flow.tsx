"use client";

import { applyNodeChanges, ReactFlow, type Edge, type Node, type NodeChange } from "@xyflow/react";
import { useCallback, useState } from "react";
import { generateBenchGraph } from "@/bench/editor-graph";

function bareGraph(size: number): { nodes: Node[]; edges: Edge[] } {
  const graph = generateBenchGraph(size);
  return {
    nodes: graph.nodes.map((node) => ({ id: node.id, position: node.position, data: { label: `${node.kind} ${node.id}` } })),
    edges: graph.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target })),
  };
}

/** The baseline of the editor benchmark: React Flow with default nodes and edges, the same graph, nothing else. */
export function BareFlow({ size }: { size: number }) {
  const [initial] = useState(() => bareGraph(size));
  const [nodes, setNodes] = useState(initial.nodes);
  const onNodesChange = useCallback((changes: NodeChange[]) => setNodes((current) => applyNodeChanges(changes, current)), []);
  return (
    <div data-testid="bare-flow" className="h-dvh w-full">
      <ReactFlow nodes={nodes} edges={initial.edges} onNodesChange={onNodesChange} fitView minZoom={0.05} />
    </div>
  );
}
