import type { FlowIssue } from "../flow/issues";
import { draftGraphSchema, type FlowGraph } from "../flow/schema";
import { schemaIssues, validateFlowGraph } from "../flow/validate";
import { InvalidFlowError } from "./flow-errors";

/** What the API returns beside a flow: whether it could run, and every error and warning. */
export interface FlowValidationReport {
  ok: boolean;
  issues: FlowIssue[];
}

/** Validates a graph fully (schema and graph checks), flattening errors and warnings into one list. */
export function validationReport(graph: unknown, pointerPrefix = ""): FlowValidationReport {
  const result = validateFlowGraph(graph, pointerPrefix);
  return result.ok ? { ok: true, issues: result.warnings } : { ok: false, issues: result.issues };
}

/**
 * Accepts a draft graph: one whose shapes are right (draftGraphSchema). Broken field rules (a variable named
 * `my var!`) and graph-level errors (unreachable nodes, a missing End, ...) are kept, because a draft is work in
 * progress and the editor shows them; only running and publishing refuse them.
 */
export function requireStorableGraph(graph: unknown, pointerPrefix = ""): FlowGraph {
  const parsed = draftGraphSchema.safeParse(graph);
  if (!parsed.success) throw new InvalidFlowError("This is not a Switchboard flow graph", schemaIssues(parsed.error, graph, pointerPrefix));
  return parsed.data;
}

/** Accepts only a graph that could run (publishing, starting a session). */
export function requireRunnableGraph(graph: unknown, pointerPrefix = ""): FlowGraph {
  const result = validateFlowGraph(graph, pointerPrefix);
  if (!result.ok) throw new InvalidFlowError("The flow has errors", result.issues);
  return result.graph;
}
