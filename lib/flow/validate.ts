import type { z } from "zod";
import { checkGraph } from "./graph-checks";
import { toPointer, type FlowIssue } from "./issues";
import { flowGraphSchema, type FlowGraph } from "./schema";

/** Result of validating a flow: the parsed graph and its warnings, or every issue found. */
export type FlowValidation = { ok: true; graph: FlowGraph; warnings: FlowIssue[] } | { ok: false; issues: FlowIssue[] };

/**
 * Validates in two steps: the schema first (shape, types, limits), then the graph (one start, edges
 * between real ports, everything reachable, no loop that never waits for the caller, expressions parse).
 * Every issue carries a JSON pointer and, where it has one, the node or edge id.
 */
export function validateFlowGraph(input: unknown, pointerPrefix = ""): FlowValidation {
  const parsed = flowGraphSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: schemaIssues(parsed.error, input, pointerPrefix) };
  const issues = checkGraph(parsed.data, pointerPrefix);
  const errors = issues.filter((issue) => issue.severity === "error");
  if (errors.length > 0) return { ok: false, issues };
  return { ok: true, graph: parsed.data, warnings: issues };
}

/** Maps zod's issues to addressed flow issues, naming the node or edge from the raw input. */
export function schemaIssues(error: z.ZodError, input: unknown, pointerPrefix = ""): FlowIssue[] {
  return error.issues.map((issue) => {
    const where: FlowIssue = {
      severity: "error",
      code: `schema.${issue.code}`,
      message: issue.message,
      pointer: pointerPrefix + toPointer(issue.path),
    };
    const [collection, index] = issue.path;
    if (typeof index === "number" && (collection === "nodes" || collection === "edges")) {
      const id = idAt(input, collection, index);
      if (id !== undefined) {
        if (collection === "nodes") where.nodeId = id;
        else where.edgeId = id;
      }
    }
    return where;
  });
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
