import { z } from "zod";
import type { FlowIssue } from "../flow/issues";
import { flowDocumentSchema, type FlowDocument } from "../flow/schema";
import { schemaIssues } from "../flow/validate";
import type { Database } from "../db/prisma-client";
import { FlowNotFoundError, InvalidFlowError } from "./flow-errors";
import type { FlowRecord } from "./flow-record";
import { createFlow, getFlow } from "./flow-repository";
import { validationReport } from "./flow-validation";

/**
 * Checks an imported file. Issues point into the file (`/name`, `/graph/edges/2/target`), so the person can find
 * the line. A file with any error is refused: unlike a draft being edited, a file should arrive whole.
 */
export function parseFlowDocument(
  input: unknown,
): { ok: true; document: FlowDocument; warnings: FlowIssue[] } | { ok: false; issues: FlowIssue[] } {
  const parsed = flowDocumentSchema.safeParse(input);
  if (!parsed.success) {
    // Graph issues are named through the graph so they carry node and edge ids; the rest of the file directly.
    const graph: unknown = typeof input === "object" && input !== null ? Reflect.get(input, "graph") : undefined;
    const outside = parsed.error.issues.filter((issue) => issue.path[0] !== "graph");
    const issues = schemaIssues(new z.ZodError(outside), input);
    issues.push(...validationReport(graph, "/graph").issues.filter((issue) => issue.severity === "error"));
    return { ok: false, issues };
  }
  const report = validationReport(parsed.data.graph, "/graph");
  if (!report.ok) return { ok: false, issues: report.issues };
  return { ok: true, document: parsed.data, warnings: report.issues };
}

/** Creates a flow from an exported file, or throws InvalidFlowError with issues addressed into the file. */
export async function importFlow(db: Database, ownerId: string, input: unknown): Promise<FlowRecord> {
  const result = parseFlowDocument(input);
  if (!result.ok) throw new InvalidFlowError("The file is not a valid Switchboard flow", result.issues);
  return createFlow(db, ownerId, { name: result.document.name, graph: result.document.graph });
}

/** The owner's flow as a file people can keep and import again. */
export async function exportFlow(db: Database, ownerId: string, flowId: string): Promise<FlowDocument> {
  const flow = await getFlow(db, ownerId, flowId);
  if (!flow) throw new FlowNotFoundError(flowId);
  return { format: "switchboard.flow", name: flow.name, graph: flow.graph };
}
