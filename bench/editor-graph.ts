import { FLOW_SCHEMA_VERSION, type FlowEdge, type FlowGraph, type FlowNode } from "../lib/flow";

const COLUMNS = 24;
const STEP = { x: 260, y: 180 };

/**
 * A valid flow of about `size` nodes for the editor benchmark: Start, then blocks of Say → Listen → Branch
 * (two conditions and else) chained together, each Listen's timeout and the last block ending at one End.
 * Laid out on a grid, so every node is on screen after fitting the view.
 */
export function generateBenchGraph(size: number): FlowGraph {
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  const at = (index: number) => ({ x: (index % COLUMNS) * STEP.x, y: Math.floor(index / COLUMNS) * STEP.y });
  const blocks = Math.max(1, Math.floor((size - 2) / 3));
  nodes.push({ id: "start", kind: "start", position: at(0), data: {} });
  for (let block = 0; block < blocks; block += 1) {
    const base = 1 + block * 3;
    nodes.push({ id: `say-${block}`, kind: "say", position: at(base), data: { text: `Step ${block}: say yes or no, {{name}}` } });
    nodes.push({ id: `listen-${block}`, kind: "listen", position: at(base + 1), data: { timeoutSeconds: 10, variable: "answer" } });
    nodes.push({
      id: `branch-${block}`,
      kind: "branch",
      position: at(base + 2),
      data: {
        conditions: [
          { id: "yes", match: { type: "phrases", phrases: ["yes", "sure"] } },
          { id: "no", match: { type: "regex", pattern: "^no\\b", flags: "i" } },
        ],
      },
    });
  }
  nodes.push({ id: "end", kind: "end", position: at(1 + blocks * 3), data: { goodbye: "Bye", reason: "completed" } });

  edges.push({ id: "e-start", source: "start", sourcePort: "next", target: "say-0" });
  for (let block = 0; block < blocks; block += 1) {
    const next = block + 1 < blocks ? `say-${block + 1}` : "end";
    edges.push({ id: `e-say-${block}`, source: `say-${block}`, sourcePort: "next", target: `listen-${block}` });
    edges.push({ id: `e-heard-${block}`, source: `listen-${block}`, sourcePort: "heard", target: `branch-${block}` });
    edges.push({ id: `e-timeout-${block}`, source: `listen-${block}`, sourcePort: "timeout", target: "end" });
    edges.push({ id: `e-yes-${block}`, source: `branch-${block}`, sourcePort: "yes", target: next });
    edges.push({ id: `e-no-${block}`, source: `branch-${block}`, sourcePort: "no", target: "end" });
    edges.push({ id: `e-else-${block}`, source: `branch-${block}`, sourcePort: "else", target: `say-${block}` });
  }
  return { schemaVersion: FLOW_SCHEMA_VERSION, nodes, edges };
}
