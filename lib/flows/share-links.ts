import type { Database } from "../db/prisma-client";
import { linkSecretHash, newLinkSecret } from "../secrets/link-secret";
import { ShareLinkError } from "./flow-errors";
import { flowRecordSelect, storedGraph, type FlowRecord } from "./flow-record";

/*
 * A share link lets any signed-in person who has it look at one flow's canvas, read-only, until it is revoked. Making,
 * listing and revoking are scoped to the workspace lib/auth/access.ts granted (owners and editors, "edit"); opening one
 * needs no membership, only the secret, and yields the flow and nothing else of its workspace.
 */

/** A live share link as the flow's owners and editors see it (docs/api.md `ShareLink`); its secret is never shown again. */
export interface ShareLinkSummary {
  id: string;
  flowId: string;
  /** The name of who made it, or null once their account is gone. */
  createdBy: string | null;
  createdAt: Date;
}

/** What a share link shows: the flow's draft, without the workspace it belongs to. */
export type SharedFlow = Omit<FlowRecord, "workspaceId">;

// Every column of a FlowRecord but its workspace, and whether the flow was removed.
const { workspaceId: _notShared, ...sharedColumns } = flowRecordSelect;
const sharedFlowSelect = { ...sharedColumns, deletedAt: true } as const;

const summarySelect = { id: true, flowId: true, createdAt: true, createdBy: { select: { name: true } } } as const;

function toSummary(row: { id: string; flowId: string; createdAt: Date; createdBy: { name: string } | null }): ShareLinkSummary {
  return { id: row.id, flowId: row.flowId, createdBy: row.createdBy?.name ?? null, createdAt: row.createdAt };
}

const liveFlow = (workspaceId: string, flowId: string) => ({ id: flowId, workspaceId, deletedAt: null });

/**
 * Makes a share link for a live flow of `workspaceId`; the returned token (the link's secret) exists only in this
 * answer. Null when the workspace has no such flow.
 */
export async function createShareLink(
  db: Database,
  input: { workspaceId: string; flowId: string; createdById: string },
): Promise<{ link: ShareLinkSummary; token: string } | null> {
  const flow = await db.flow.findFirst({ where: liveFlow(input.workspaceId, input.flowId), select: { id: true } });
  if (!flow) return null;
  const { token, tokenHash } = newLinkSecret();
  const row = await db.flowShareLink.create({
    data: { flowId: flow.id, tokenHash, createdById: input.createdById },
    select: summarySelect,
  });
  return { link: toSummary(row), token };
}

/** A flow's share links that still open it, newest first (none for a flow the workspace does not have). */
export async function listShareLinks(db: Database, workspaceId: string, flowId: string): Promise<ShareLinkSummary[]> {
  const rows = await db.flowShareLink.findMany({
    where: { flowId, revokedAt: null, flow: liveFlow(workspaceId, flowId) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: summarySelect,
  });
  return rows.map(toSummary);
}

/** Revokes one: it stops opening the flow at once. False when the flow has no such live link. */
export async function revokeShareLink(
  db: Database,
  workspaceId: string,
  flowId: string,
  linkId: string,
  now = new Date(),
): Promise<boolean> {
  const { count } = await db.flowShareLink.updateMany({
    where: { id: linkId, flowId, revokedAt: null, flow: liveFlow(workspaceId, flowId) },
    data: { revokedAt: now },
  });
  return count === 1;
}

/** The flow a share link's secret opens; throws ShareLinkError for an unknown or revoked link, or a removed flow. */
export async function openShareLink(db: Database, token: string): Promise<SharedFlow> {
  const row = await db.flowShareLink.findUnique({
    where: { tokenHash: linkSecretHash(token) },
    select: { revokedAt: true, flow: { select: sharedFlowSelect } },
  });
  if (!row) throw new ShareLinkError("share_link_not_found", "There is no such share link. Check the link, or ask for a new one.");
  if (row.revokedAt) {
    throw new ShareLinkError(
      "share_link_revoked",
      "The people who work on this flow stopped sharing it by this link. Ask them for a new one.",
    );
  }
  const { deletedAt, ...flow } = row.flow;
  if (deletedAt) throw new ShareLinkError("share_link_not_found", "The flow this link shared has been removed.");
  return { ...flow, graph: storedGraph(flow.graph, `flow ${flow.id}`) };
}
