import { z } from "zod";
import type { FlowIssue } from "../flow/issues";
import { draftDocumentSchema, type FlowDocument } from "../flow/schema";
import { schemaIssues } from "../flow/validate";
import type { Database } from "../db/prisma-client";
import { FlowNotFoundError, InvalidFlowError } from "./flow-errors";
import type { FlowRecord } from "./flow-record";
import { createFlow, getFlow } from "./flow-repository";
import { validationReport } from "./flow-validation";

/**
 * Checks an imported file. It is accepted when it holds a draft the editor could have saved (draftDocumentSchema), errors
 * and all: whatever is exported imports again, and its problems are shown in the editor. Otherwise issues point into
 * the file (`/name`, `/graph/edges/2/target`), so the person can find the line. `issues` are the draft's validation.
 */
export function parseFlowDocument(
  input: unknown,
): { ok: true; document: FlowDocument; issues: FlowIssue[] } | { ok: false; issues: FlowIssue[] } {
  const parsed = draftDocumentSchema.safeParse(input);
  if (!parsed.success) {
    // Graph issues are named through the graph so they carry node and edge ids; the rest of the file directly.
    const graph: unknown = typeof input === "object" && input !== null ? Reflect.get(input, "graph") : undefined;
    const outside = parsed.error.issues.filter((issue) => issue.path[0] !== "graph");
    const issues = schemaIssues(new z.ZodError(outside), input);
    issues.push(...validationReport(graph, "/graph").issues.filter((issue) => issue.code.startsWith("schema.")));
    return { ok: false, issues };
  }
  return { ok: true, document: parsed.data, issues: validationReport(parsed.data.graph, "/graph").issues };
}

/** Creates a flow from an exported file, or throws InvalidFlowError with issues addressed into the file. */
export async function importFlow(db: Database, workspaceId: string, input: unknown, createdById?: string): Promise<FlowRecord> {
  const result = parseFlowDocument(input);
  if (!result.ok) throw new InvalidFlowError("The file is not a valid Switchboard flow", result.issues);
  return createFlow(db, workspaceId, { name: result.document.name, graph: result.document.graph }, createdById);
}

/** A workspace's flow as a file people can keep and import again. */
export async function exportFlow(db: Database, workspaceId: string, flowId: string): Promise<FlowDocument> {
  const flow = await getFlow(db, workspaceId, flowId);
  if (!flow) throw new FlowNotFoundError(flowId);
  return { format: "switchboard.flow", name: flow.name, graph: flow.graph };
}
