import type { FlowIssue } from "../flow/issues";
import type { FlowGraph } from "../flow/schema";
import { validateFlowGraph } from "../flow/validate";
import { listenHintsOf, type ListenHints } from "./listen-hints";
import { compileNode, type NodeExecutor } from "./nodes";
import { voicePlanOf, type FlowVoicePlan } from "./voice-plan";

/** A node ready to run, linked to the nodes its ports lead to. */
export interface CompiledNode {
  id: string;
  kind: FlowGraph["nodes"][number]["kind"];
  executor: NodeExecutor;
  /** Port id → next node; only optional ports may be missing (a listen's timeout then ends the call). */
  next: Map<string, CompiledNode>;
}

/** A validated flow, compiled once and shared by every session that runs it. */
export interface CompiledFlow {
  start: CompiledNode;
  nodes: ReadonlyMap<string, CompiledNode>;
  /** What each Listen expects to hear, by node id (speech recognition narrows to it). */
  listens: ReadonlyMap<string, ListenHints>;
  /** How a voice call of this flow speaks and hears (providers, voices), from the flow's and its Says' settings. */
  voicePlan: FlowVoicePlan;
}

export class InvalidFlowError extends Error {
  constructor(readonly issues: FlowIssue[]) {
    super(
      `The flow is not valid: ${issues
        .map((issue) => issue.message)
        .slice(0, 3)
        .join("; ")}`,
    );
    this.name = "InvalidFlowError";
  }
}

/** Validates and compiles a graph; the runtime refuses to start an invalid flow. */
export function compileFlow(input: unknown): CompiledFlow {
  const validation = validateFlowGraph(input);
  if (!validation.ok) throw new InvalidFlowError(validation.issues.filter((issue) => issue.severity === "error"));
  const { graph } = validation;
  const nodes = new Map<string, CompiledNode>();
  for (const node of graph.nodes) nodes.set(node.id, { id: node.id, kind: node.kind, executor: compileNode(node), next: new Map() });
  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (source && target) source.next.set(edge.sourcePort, target);
  }
  const start = graph.nodes.find((node) => node.kind === "start");
  const compiledStart = start && nodes.get(start.id);
  if (!compiledStart) throw new InvalidFlowError([]);
  return { start: compiledStart, nodes, listens: listenHintsOf(graph), voicePlan: voicePlanOf(graph) };
}
