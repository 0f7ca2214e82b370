import { expressionVariables } from "../expressions/cel";
import { compileTemplate } from "../expressions/template";
import { flowWarning, type FlowIssue } from "./issues";
import type { FlowGraph, FlowNode } from "./schema";

/** The name CEL expressions read the last utterance by; templates have no such variable. */
const UTTERANCE = "utterance";

/** One place a node reads variables: the data path of the field and the names it reads there, in order. */
interface VariableUse {
  path: string;
  kind: "template" | "expression";
  names: string[];
  /** Variables the node itself set before this use (an earlier assignment of the same Set node). */
  setBefore: ReadonlySet<string>;
}

/** Variables a node sets when it is left through `port`. */
function setBy(node: FlowNode, port: string): string[] {
  if (node.kind === "listen") return port === "heard" && node.data.variable ? [node.data.variable] : [];
  if (node.kind === "set") return node.data.assignments.map((assignment) => assignment.variable);
  return [];
}

function usesOf(node: FlowNode): VariableUse[] {
  const none = new Set<string>();
  const template = (path: string, text: string | undefined): VariableUse[] =>
    text ? [{ path, kind: "template", names: compileTemplate(text).variables, setBefore: none }] : [];
  const expression = (path: string, source: string, setBefore: ReadonlySet<string>): VariableUse[] => {
    const names = expressionVariables(source);
    return names ? [{ path, kind: "expression", names, setBefore }] : [];
  };
  switch (node.kind) {
    case "say":
      return template("/text", node.data.text);
    case "end":
      return template("/goodbye", node.data.goodbye);
    case "set": {
      // Assignments run in order: each may read what the ones before it set.
      const earlier = new Set<string>();
      return node.data.assignments.flatMap((assignment, index) => {
        const uses =
          assignment.source.type === "expression"
            ? expression(`/assignments/${index}/source/expression`, assignment.source.expression, new Set(earlier))
            : [];
        earlier.add(assignment.variable);
        return uses;
      });
    }
    case "branch":
      return node.data.conditions.flatMap((condition, index) =>
        condition.match.type === "expression" ? expression(`/conditions/${index}/match/expression`, condition.match.expression, none) : [],
      );
    default:
      return [];
  }
}

/**
 * The variables some path from Start may have set on arrival at each reachable node (a forward "may" analysis:
 * what any path sets, so a variable set on only one branch counts). Unreachable nodes are absent.
 */
export function variablesOnArrival(graph: FlowGraph): Map<string, Set<string>> {
  const nodes = new Map<string, FlowNode>();
  for (const node of graph.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const outgoing = new Map<string, Array<{ port: string; target: string }>>();
  for (const edge of graph.edges) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) continue;
    const list = outgoing.get(edge.source) ?? [];
    list.push({ port: edge.sourcePort, target: edge.target });
    outgoing.set(edge.source, list);
  }
  const arrival = new Map<string, Set<string>>();
  const start = graph.nodes.find((node) => node.kind === "start");
  if (!start) return arrival;
  arrival.set(start.id, new Set());
  const work = [start.id];
  while (work.length > 0) {
    const id = work.pop() as string;
    const node = nodes.get(id) as FlowNode;
    const known = arrival.get(id) as Set<string>;
    for (const { port, target } of outgoing.get(id) ?? []) {
      let into = arrival.get(target);
      const isNew = into === undefined;
      if (!into) arrival.set(target, (into = new Set()));
      const before = into.size;
      for (const name of known) into.add(name);
      for (const name of setBy(node, port)) into.add(name);
      // Sets only grow, so this settles: a node is revisited only when it learned a new name.
      if (isNew || into.size !== before) work.push(target);
    }
  }
  return arrival;
}

/** Every variable some node of the flow sets, sorted: the names autocomplete offers. */
export function variablesSetInFlow(graph: FlowGraph): string[] {
  const names = new Set<string>();
  for (const node of graph.nodes) {
    if (node.kind === "listen" && node.data.variable) names.add(node.data.variable);
    if (node.kind === "set") for (const assignment of node.data.assignments) names.add(assignment.variable);
  }
  return [...names].filter((name) => name !== "").sort();
}

/**
 * Warnings for variables read where no path from Start has set them: `{{nobody}}` renders empty, `missing + 1`
 * fails when the call reaches it. Addressed to the node and the field that reads them.
 */
export function unsetVariableIssues(graph: FlowGraph, prefix = ""): FlowIssue[] {
  const arrival = variablesOnArrival(graph);
  const issues: FlowIssue[] = [];
  const seen = new Set<string>();
  graph.nodes.forEach((node, index) => {
    const known = arrival.get(node.id);
    if (!known || seen.has(node.id)) return;
    seen.add(node.id);
    for (const use of usesOf(node)) {
      const where = { pointer: `${prefix}/nodes/${index}/data${use.path}`, nodeId: node.id };
      for (const name of new Set(use.names)) {
        if (use.kind === "expression" && name === UTTERANCE) continue;
        if (known.has(name) || use.setBefore.has(name)) continue;
        if (use.kind === "template" && name === UTTERANCE) {
          issues.push(
            flowWarning(
              "variable.utterance_in_text",
              "{{utterance}} is not a variable: save what the caller said with a Listen's “Save utterance as”, and use that name",
              where,
            ),
          );
        } else if (use.kind === "template") {
          issues.push(
            flowWarning("variable.unset", `{{${name}}} is empty here: no path from Start sets “${name}” before this node`, where),
          );
        } else {
          issues.push(flowWarning("variable.unset", `“${name}” is unknown here: no path from Start sets it before this node`, where));
        }
      }
    }
  });
  return issues;
}
