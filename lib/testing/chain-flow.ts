import type { Assignment, BranchCondition } from "../flow/nodes";
import { outputPortsOf } from "../flow/ports";
import type { FlowEdge, FlowGraph, FlowNode } from "../flow/schema";

const at = { x: 0, y: 0 };

/** A Set node for a test flow. */
export function setStep(id: string, assignments: Assignment[], label?: string): FlowNode {
  return { id, kind: "set", position: at, data: { assignments, ...(label === undefined ? {} : { label }) } };
}

/** A Set node assigning expressions, `[variable, expression]` in order. */
export function setExpressions(id: string, assignments: Array<[string, string]>): FlowNode {
  return setStep(
    id,
    assignments.map(([variable, expression]) => ({ variable, source: { type: "expression", expression } })),
  );
}

/** A Branch node for a test flow; every port of it leads on to the next step. */
export function branchStep(id: string, conditions: BranchCondition[]): FlowNode {
  return { id, kind: "branch", position: at, data: { conditions } };
}

/** A Say node for a test flow. */
export function sayStep(id: string, text: string): FlowNode {
  return { id, kind: "say", position: at, data: { text } };
}

/** A Listen node for a test flow; its utterance goes on to the next step (a timeout ends the call). */
export function listenStep(id: string, variable?: string): FlowNode {
  return { id, kind: "listen", position: at, data: { timeoutSeconds: 60, ...(variable === undefined ? {} : { variable }) } };
}

/**
 * start → say "Ready." → listen (the utterance saved as `heard`) → each of `steps` in order, every output port on to
 * the next → end (`completed`, goodbye "Done."). The shape of the hostile flows the limit tests run.
 */
export function chainFlow(steps: FlowNode[]): FlowGraph {
  const nodes: FlowNode[] = [
    { id: "start", kind: "start", position: at, data: {} },
    sayStep("ready", "Ready."),
    listenStep("hear", "heard"),
    ...steps,
    { id: "end", kind: "end", position: at, data: { reason: "completed", goodbye: "Done." } },
  ];
  const edges: FlowEdge[] = [];
  for (let index = 0; index < nodes.length - 1; index += 1) {
    const node = nodes[index] as FlowNode;
    const next = nodes[index + 1] as FlowNode;
    for (const port of outputPortsOf(node)) {
      if (port.id === "timeout") continue;
      edges.push({ id: `${node.id}-${port.id}`, source: node.id, sourcePort: port.id, target: next.id });
    }
  }
  return { schemaVersion: 1, nodes, edges };
}

/** start → listen (as `heard`) → say "You said: {{heard}}" → the same listen: a conversation that never ends by itself. */
export function echoFlow(): FlowGraph {
  return {
    schemaVersion: 1,
    nodes: [{ id: "start", kind: "start", position: at, data: {} }, listenStep("hear", "heard"), sayStep("echo", "You said: {{heard}}")],
    edges: [
      { id: "start-next", source: "start", sourcePort: "next", target: "hear" },
      { id: "hear-heard", source: "hear", sourcePort: "heard", target: "echo" },
      { id: "echo-next", source: "echo", sourcePort: "next", target: "hear" },
    ],
  };
}
