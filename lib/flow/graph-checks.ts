import { expressionProblem } from "../expressions/cel";
import { linearRegexProblem } from "../expressions/linear-regex";
import { flowError, flowWarning, type FlowIssue } from "./issues";
import { nodeDisplayName } from "./node-names";
import { acceptsInput, outputPortsOf } from "./ports";
import type { FlowEdge, FlowGraph, FlowNode } from "./schema";
import { unsetVariableIssues } from "./variable-flow";
import { voiceSettingIssues } from "./voice-checks";

/**
 * Graph-level checks on a flow with the right shapes (draftGraphSchema): its field values may still break their rules,
 * which validate.ts reports. Returns errors and warnings.
 */
export function checkGraph(graph: FlowGraph, prefix = ""): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const nodes = new Map<string, FlowNode>();
  const nodeIndex = new Map<string, number>();

  graph.nodes.forEach((node, index) => {
    const pointer = `${prefix}/nodes/${index}`;
    if (nodes.has(node.id)) {
      issues.push(flowError("node.duplicate_id", `Two nodes share the id "${node.id}"`, { pointer: `${pointer}/id`, nodeId: node.id }));
      return;
    }
    nodes.set(node.id, node);
    nodeIndex.set(node.id, index);
    issues.push(...checkNodeData(node, pointer));
  });

  const starts = graph.nodes.filter((node) => node.kind === "start");
  if (starts.length === 0) {
    issues.push(flowError("flow.no_start", "The flow needs a Start node", { pointer: `${prefix}/nodes` }));
  }
  for (const extra of starts.slice(1)) {
    issues.push(
      flowError("flow.multiple_starts", "A flow has exactly one Start node; remove this one", {
        pointer: `${prefix}/nodes/${nodeIndex.get(extra.id)}`,
        nodeId: extra.id,
      }),
    );
  }

  const outgoing = new Map<string, Map<string, FlowEdge>>();
  const edgeIds = new Set<string>();
  graph.edges.forEach((edge, index) => {
    const pointer = `${prefix}/edges/${index}`;
    const at = { pointer, edgeId: edge.id };
    if (edgeIds.has(edge.id)) {
      issues.push(flowError("edge.duplicate_id", `Two edges share the id "${edge.id}"`, { ...at, pointer: `${pointer}/id` }));
      return;
    }
    edgeIds.add(edge.id);
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source) {
      issues.push(
        flowError("edge.dangling_source", `This edge starts at "${edge.source}", which is not a node`, {
          ...at,
          pointer: `${pointer}/source`,
        }),
      );
      return;
    }
    if (!target) {
      issues.push(
        flowError("edge.dangling_target", `This edge ends at "${edge.target}", which is not a node`, {
          ...at,
          pointer: `${pointer}/target`,
        }),
      );
      return;
    }
    if (!outputPortsOf(source).some((port) => port.id === edge.sourcePort)) {
      issues.push(
        flowError("edge.unknown_port", `"${edge.sourcePort}" is not an output of this ${source.kind} node`, {
          ...at,
          pointer: `${pointer}/sourcePort`,
        }),
      );
      return;
    }
    if (!acceptsInput(target)) {
      issues.push(flowError("edge.into_start", "Nothing can lead into the Start node", { ...at, pointer: `${pointer}/target` }));
      return;
    }
    const ports = outgoing.get(edge.source) ?? new Map<string, FlowEdge>();
    if (ports.has(edge.sourcePort)) {
      issues.push(flowError("edge.port_taken", `Output "${edge.sourcePort}" of ${nodeDisplayName(source)} is already connected`, at));
      return;
    }
    ports.set(edge.sourcePort, edge);
    outgoing.set(edge.source, ports);
  });

  // A flow that is only its Start node is a flow about to be written, not a broken one: one hint, on no node.
  const onlyStart = nodes.size === 1 && starts.length === 1 && graph.edges.length === 0;
  if (onlyStart) {
    issues.push(
      flowError("flow.empty", "Add the first step: drag a Say or Listen node onto the canvas, then connect Start's “next” port to it", {
        pointer: `${prefix}/nodes`,
      }),
    );
  }
  for (const node of onlyStart ? [] : nodes.values()) {
    const pointer = `${prefix}/nodes/${nodeIndex.get(node.id)}`;
    for (const port of outputPortsOf(node)) {
      if (outgoing.get(node.id)?.has(port.id)) continue;
      if (node.kind === "listen" && port.id === "timeout") {
        issues.push(
          flowWarning("port.timeout_unconnected", 'If the caller says nothing, the call ends with reason "timeout"', {
            pointer,
            nodeId: node.id,
          }),
        );
      } else if (!port.optional) {
        issues.push(
          flowError("port.unconnected", `Output "${port.label}" leads nowhere: connect it (an End node finishes the call)`, {
            pointer,
            nodeId: node.id,
          }),
        );
      }
    }
  }

  const start = starts[0];
  if (start) {
    const reachable = reachableFrom(start.id, outgoing);
    for (const node of nodes.values()) {
      if (!reachable.has(node.id)) {
        issues.push(
          flowError("node.unreachable", "No path from Start reaches this node", {
            pointer: `${prefix}/nodes/${nodeIndex.get(node.id)}`,
            nodeId: node.id,
          }),
        );
      }
    }
  }

  for (const cycle of loopsWithoutListen(nodes, outgoing)) {
    const first = cycle[0] as string;
    issues.push(
      flowError(
        "flow.loop_without_listen",
        `These nodes loop forever without waiting for the caller: ${cycle.map((id) => nodeDisplayName(nodes.get(id) as FlowNode)).join(" → ")}`,
        {
          pointer: `${prefix}/nodes/${nodeIndex.get(first)}`,
          nodeId: first,
        },
      ),
    );
  }
  issues.push(...unsetVariableIssues(graph, prefix));
  issues.push(...voiceSettingIssues(graph, prefix));
  return issues;
}

function checkNodeData(node: FlowNode, pointer: string): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const at = (path: string) => ({ pointer: `${pointer}/data${path}`, nodeId: node.id });
  switch (node.kind) {
    case "branch": {
      const seen = new Set<string>();
      node.data.conditions.forEach((condition, index) => {
        const base = `/conditions/${index}`;
        if (seen.has(condition.id))
          issues.push(flowError("branch.duplicate_condition", `Two conditions share the id "${condition.id}"`, at(`${base}/id`)));
        seen.add(condition.id);
        const { match } = condition;
        if (match.type === "phrases" && match.phrases.every((phrase) => phrase.trim() === "")) {
          issues.push(flowError("branch.no_phrases", "Add at least one phrase to match", at(`${base}/match/phrases`)));
        }
        if (match.type === "regex") {
          // Flags outside the allowed ones are a field rule's problem (validate.ts); the pattern is checked with the rest.
          const problem = regexProblem(match.pattern, match.flags?.replace(/[^imsu]/g, ""));
          if (problem) issues.push(flowError("branch.bad_regex", problem, at(`${base}/match/pattern`)));
        }
        if (match.type === "expression") {
          const problem = expressionProblem(match.expression);
          if (problem) issues.push(flowError("expression.invalid", `Expression: ${problem}`, at(`${base}/match/expression`)));
        }
      });
      break;
    }
    case "set":
      node.data.assignments.forEach((assignment, index) => {
        if (assignment.source.type !== "expression") return;
        const problem = expressionProblem(assignment.source.expression);
        if (problem) issues.push(flowError("expression.invalid", `Expression: ${problem}`, at(`/assignments/${index}/source/expression`)));
      });
      if (node.data.assignments.length === 0) issues.push(flowWarning("set.empty", "This Set node assigns nothing", at("/assignments")));
      break;
    case "say":
      if (node.data.text.trim() === "") issues.push(flowError("say.empty", "Write what to say", at("/text")));
      break;
    default:
      break;
  }
  return issues;
}

/**
 * Why a user-supplied regular expression is refused, or null. Empty patterns match everything: refused. Patterns run
 * on RE2, in linear time, so what needs backtracking (backreferences, lookaround) is refused here, on the condition.
 */
export function regexProblem(pattern: string, flags = ""): string | null {
  if (pattern === "") return "The regular expression is empty (it would match everything)";
  return linearRegexProblem(pattern, flags);
}

function reachableFrom(startId: string, outgoing: Map<string, Map<string, FlowEdge>>): Set<string> {
  const seen = new Set<string>([startId]);
  const stack = [startId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const edge of outgoing.get(id)?.values() ?? []) {
      if (!seen.has(edge.target)) {
        seen.add(edge.target);
        stack.push(edge.target);
      }
    }
  }
  return seen;
}

/**
 * Cycles that never pass through a Listen node would spin forever within one turn. Listen nodes are cut
 * out of the graph; any strongly connected component left with a cycle is such a loop (Tarjan's algorithm,
 * iterative so a 5,000-node chain cannot overflow the stack).
 */
function loopsWithoutListen(nodes: Map<string, FlowNode>, outgoing: Map<string, Map<string, FlowEdge>>): string[][] {
  const successors = (id: string): string[] => {
    const node = nodes.get(id);
    if (!node || node.kind === "listen") return [];
    return [...(outgoing.get(id)?.values() ?? [])].map((edge) => edge.target).filter((target) => nodes.get(target)?.kind !== "listen");
  };
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const loops: string[][] = [];
  let counter = 0;

  for (const root of nodes.keys()) {
    if (index.has(root) || nodes.get(root)?.kind === "listen") continue;
    const work: Array<{ id: string; next: string[]; position: number }> = [];
    const visit = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter += 1;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: successors(id), position: 0 });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; next: string[]; position: number };
      if (frame.position < frame.next.length) {
        const target = frame.next[frame.position] as string;
        frame.position += 1;
        if (!index.has(target)) visit(target);
        else if (onStack.has(target)) low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(target) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        const selfLoop = component.length === 1 && successors(frame.id).includes(frame.id);
        if (component.length > 1 || selfLoop) loops.push(component.reverse());
      }
    }
  }
  return loops;
}
