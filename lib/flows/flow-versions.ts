import type { FlowGraph } from "../flow/schema";
import { Prisma } from "../generated/prisma/client";
import type { Database } from "../db/prisma-client";
import { FlowNotFoundError, RevisionConflictError } from "./flow-errors";
import { flowRecordSelect, graphJson, storedGraph, toFlowRecord } from "./flow-record";
import { requireRunnableGraph } from "./flow-validation";

/** A published version in lists. */
export interface FlowVersionSummary {
  id: string;
  flowId: string;
  version: number;
  createdAt: Date;
}

/** A published version with its immutable graph. */
export interface FlowVersionRecord extends FlowVersionSummary {
  graph: FlowGraph;
}

const PUBLISH_ATTEMPTS = 3;

/**
 * Publishes the draft as the next version, if it is still at `revision` and has no errors. The graph snapshot is the
 * one read at that revision, so a save racing the publish cannot leak into it.
 */
export async function publishFlowVersion(
  db: Database,
  workspaceId: string,
  flowId: string,
  revision: number,
  publishedById: string,
): Promise<FlowVersionSummary> {
  for (let attempt = 1; ; attempt++) {
    const row = await db.flow.findFirst({ where: { id: flowId, workspaceId, deletedAt: null }, select: flowRecordSelect });
    if (!row) throw new FlowNotFoundError(flowId);
    const flow = toFlowRecord(row);
    if (flow.revision !== revision) throw new RevisionConflictError(revision, flow);
    const graph = requireRunnableGraph(flow.graph);
    const latest = await db.flowVersion.aggregate({ where: { flowId }, _max: { version: true } });
    try {
      return await db.flowVersion.create({
        data: { flowId, version: (latest._max.version ?? 0) + 1, graph: graphJson(graph), createdById: publishedById },
        select: { id: true, flowId: true, version: true, createdAt: true },
      });
    } catch (error) {
      // Two publishes chose the same number; the unique (flowId, version) refused one. Take the next number.
      const taken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!taken || attempt >= PUBLISH_ATTEMPTS) throw error;
    }
  }
}

/** The flow's versions, newest first, or null when the workspace has no such flow. */
export async function listFlowVersions(db: Database, workspaceId: string, flowId: string): Promise<FlowVersionSummary[] | null> {
  const flow = await db.flow.findFirst({ where: { id: flowId, workspaceId, deletedAt: null }, select: { id: true } });
  if (!flow) return null;
  return db.flowVersion.findMany({
    where: { flowId },
    orderBy: { version: "desc" },
    select: { id: true, flowId: true, version: true, createdAt: true },
  });
}

/** One published version of a flow of the workspace, or null. */
export async function getFlowVersion(
  db: Database,
  workspaceId: string,
  flowId: string,
  versionId: string,
): Promise<FlowVersionRecord | null> {
  const row = await db.flowVersion.findFirst({
    where: { id: versionId, flowId, flow: { workspaceId, deletedAt: null } },
    select: { id: true, flowId: true, version: true, createdAt: true, graph: true },
  });
  return row ? { ...row, graph: storedGraph(row.graph, `version ${row.id}`) } : null;
}
