import type { z } from "zod";
import { checkGraph } from "./graph-checks";
import { toPointer, type FlowIssue } from "./issues";
import { draftGraphSchema, flowGraphSchema, type FlowGraph } from "./schema";

/** Result of validating a flow: the parsed graph and its warnings, or every issue found. */
export type FlowValidation = { ok: true; graph: FlowGraph; warnings: FlowIssue[] } | { ok: false; issues: FlowIssue[] };

/**
 * Validates in two steps. First the shapes (draftGraphSchema: types, keys, ids, limits): input that fails them is not a
 * flow at all, and only those issues are returned. Then everything a runnable flow needs, reported together: the
 * field rules (flowGraphSchema: a variable's name, a regex's flags, a timeout's range) and the graph (one start, edges
 * between real ports, everything reachable, no loop that never waits for the caller, expressions parse, variables are
 * set before they are used). Every issue carries a JSON pointer and, where it has one, the node or edge id.
 */
export function validateFlowGraph(input: unknown, pointerPrefix = ""): FlowValidation {
  const shapes = draftGraphSchema.safeParse(input);
  if (!shapes.success) return { ok: false, issues: schemaIssues(shapes.error, input, pointerPrefix) };
  const rules = flowGraphSchema.safeParse(input);
  const issues = [...(rules.success ? [] : fieldIssues(rules.error, input, pointerPrefix)), ...checkGraph(shapes.data, pointerPrefix)];
  if (!rules.success || issues.some((issue) => issue.severity === "error")) return { ok: false, issues };
  return { ok: true, graph: rules.data, warnings: issues };
}

/** Maps zod's issues to addressed flow issues, naming the node or edge from the raw input. */
export function schemaIssues(error: z.ZodError, input: unknown, pointerPrefix = ""): FlowIssue[] {
  return error.issues.map((issue) => addressed(issue, `schema.${issue.code}`, input, pointerPrefix));
}

/** Field rules a stored draft broke (`field.too_small`, `field.invalid_format`, ...): problems of a node, not refusals. */
function fieldIssues(error: z.ZodError, input: unknown, pointerPrefix: string): FlowIssue[] {
  return error.issues.map((issue) => addressed(issue, `field.${issue.code}`, input, pointerPrefix));
}

function addressed(issue: z.core.$ZodIssue, code: string, input: unknown, pointerPrefix: string): FlowIssue {
  const where: FlowIssue = { severity: "error", code, message: issue.message, pointer: pointerPrefix + toPointer(issue.path) };
  const [collection, index] = issue.path;
  if (typeof index === "number" && (collection === "nodes" || collection === "edges")) {
    const id = idAt(input, collection, index);
    if (id !== undefined) {
      if (collection === "nodes") where.nodeId = id;
      else where.edgeId = id;
    }
  }
  return where;
}

function idAt(input: unknown, collection: "nodes" | "edges", index: number): string | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const list: unknown = Reflect.get(input, collection);
  if (!Array.isArray(list)) return undefined;
  const item: unknown = list[index];
  if (typeof item !== "object" || item === null) return undefined;
  const id: unknown = Reflect.get(item, "id");
  return typeof id === "string" ? id : undefined;
}
