import type { FlowGraph } from "../flow/schema";
import { blankFlowGraph, flowTemplates } from "../flow/samples";
import type { Database } from "../db/prisma-client";
import { Prisma } from "../generated/prisma/client";
import { FlowNotFoundError, RevisionConflictError, UnknownTemplateError } from "./flow-errors";
import { flowRecordSelect, graphJson, toFlowRecord, type FlowRecord, type FlowSummary } from "./flow-record";
import { requireStorableGraph } from "./flow-validation";

export { getFlowVersion, listFlowVersions, publishFlowVersion, type FlowVersionRecord, type FlowVersionSummary } from "./flow-versions";
export type { FlowRecord, FlowSummary } from "./flow-record";

/** How a new flow starts: blank (a Start node), from a template, or from a graph (of the right shapes; a draft may have errors). */
export type NewFlow = { name: string; templateId?: string } | { name: string; graph: unknown };

/*
 * Every query is scoped to the workspace that lib/auth/access.ts granted, so a flow of another workspace is simply not
 * found, even if a route forgot its check. Deleted flows are kept (deletedAt) because published versions and session
 * logs point at them; they disappear from every read here.
 */
const live = (workspaceId: string, flowId: string) => ({ id: flowId, workspaceId, deletedAt: null });

/**
 * The live flows of these workspaces, newest edit first. The node count is worked out by the database: a list of a
 * few hundred flows would otherwise ship every graph (tens of KB each) across to be counted and thrown away. A graph
 * without a node array counts 0, so one odd row cannot fail the list.
 */
export async function listFlows(db: Database, workspaceIds: readonly string[]): Promise<FlowSummary[]> {
  if (workspaceIds.length === 0) return [];
  return db.$queryRaw<FlowSummary[]>`
    SELECT "id", "workspaceId", "name", "revision", "createdAt", "updatedAt",
      CASE WHEN jsonb_typeof("graph" -> 'nodes') = 'array' THEN jsonb_array_length("graph" -> 'nodes') ELSE 0 END AS "nodeCount"
    FROM "Flow"
    WHERE "workspaceId" = ANY(${[...workspaceIds]}::text[]) AND "deletedAt" IS NULL
    ORDER BY "updatedAt" DESC`;
}

/** One flow's draft, or null when the workspace has no such flow. */
export async function getFlow(db: Database, workspaceId: string, flowId: string): Promise<FlowRecord | null> {
  const row = await db.flow.findFirst({ where: live(workspaceId, flowId), select: flowRecordSelect });
  return row ? toFlowRecord(row) : null;
}

/** A new flow in `workspaceId`, made by `createdById` (absent for one made by the system, such as the seed). */
export async function createFlow(db: Database, workspaceId: string, input: NewFlow, createdById?: string): Promise<FlowRecord> {
  const graph = initialGraph(input);
  const row = await db.flow.create({
    data: { workspaceId, ...(createdById === undefined ? {} : { createdById }), name: input.name, graph: graphJson(graph) },
    select: flowRecordSelect,
  });
  return toFlowRecord(row);
}

/** A change to a draft, based on the revision the editor last loaded. */
export interface FlowChange {
  revision: number;
  name?: string;
  graph?: unknown;
}

/**
 * Saves a draft if nobody saved since `change.revision`; the revision check and the write are one statement, so of
 * two saves based on the same revision exactly one wins and the other gets RevisionConflictError with the winner.
 */
export async function updateFlow(db: Database, workspaceId: string, flowId: string, change: FlowChange): Promise<FlowRecord> {
  const graph = change.graph === undefined ? undefined : requireStorableGraph(change.graph);
  try {
    // One UPDATE ... RETURNING: the saved draft comes back from the write itself.
    const row = await db.flow.update({
      where: { ...live(workspaceId, flowId), revision: change.revision },
      data: {
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(graph === undefined ? {} : { graph: graphJson(graph) }),
        revision: { increment: 1 },
      },
      select: flowRecordSelect,
    });
    return toFlowRecord(row);
  } catch (error) {
    // No row matched: the flow is gone, or someone saved first (then the caller gets what they saved).
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025")) throw error;
    const current = await getFlow(db, workspaceId, flowId);
    if (!current) throw new FlowNotFoundError(flowId);
    throw new RevisionConflictError(change.revision, current);
  }
}

/** Removes a flow from its workspace's list (soft delete: its versions and session logs stay readable by id). */
export async function deleteFlow(db: Database, workspaceId: string, flowId: string): Promise<void> {
  const { count } = await db.flow.updateMany({ where: live(workspaceId, flowId), data: { deletedAt: new Date() } });
  if (count === 0) throw new FlowNotFoundError(flowId);
}

/**
 * Moves a live flow to another workspace, with its sessions (a session belongs to its flow's workspace); its versions
 * follow through the flow.
 */
export async function moveFlow(db: Database, fromWorkspaceId: string, flowId: string, toWorkspaceId: string): Promise<FlowRecord> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.flow.updateMany({ where: live(fromWorkspaceId, flowId), data: { workspaceId: toWorkspaceId } });
    if (count === 0) throw new FlowNotFoundError(flowId);
    await tx.session.updateMany({ where: { flowId }, data: { workspaceId: toWorkspaceId } });
    return toFlowRecord(await tx.flow.findUniqueOrThrow({ where: { id: flowId }, select: flowRecordSelect }));
  });
}

/** Copies a flow's current draft into a new flow at revision 1, beside it or in another workspace. */
export async function duplicateFlow(
  db: Database,
  workspaceId: string,
  flowId: string,
  options: { name?: string; createdById?: string; toWorkspaceId?: string } = {},
): Promise<FlowRecord> {
  const source = await getFlow(db, workspaceId, flowId);
  if (!source) throw new FlowNotFoundError(flowId);
  const name = options.name ?? `${source.name} (copy)`;
  return createFlow(db, options.toWorkspaceId ?? workspaceId, { name, graph: source.graph }, options.createdById);
}

function initialGraph(input: NewFlow): FlowGraph {
  if ("graph" in input) return requireStorableGraph(input.graph);
  if (input.templateId === undefined) return blankFlowGraph();
  const template = flowTemplates.find((candidate) => candidate.id === input.templateId);
  if (!template) throw new UnknownTemplateError(input.templateId);
  return template.graph();
}
