import { signingSecret } from "../auth/secret";
import { issueSessionToken } from "../auth/session-token";
import type { Database } from "../db/prisma-client";
import { notFound } from "./api-error";
import { getFlow, getFlowVersion } from "../flows/flow-repository";
import { requireRunnableGraph } from "../flows/flow-validation";

/**
 * A session token for a flow of `workspaceId` (its draft, or a published version), for a user the route's access check let
 * test it, once the flow is known to run:
 * what a test call over Socket.IO presents at its handshake, and what a LiveKit call is started with.
 */
export async function grantSessionToken(
  db: Database,
  userId: string,
  workspaceId: string,
  flowId: string,
  versionId: string | undefined,
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const runs = versionId === undefined ? await getFlow(db, workspaceId, flowId) : await getFlowVersion(db, workspaceId, flowId, versionId);
  if (!runs) throw notFound(versionId === undefined ? "That flow" : "That version");
  // The runtime refuses an invalid flow when the session opens; saying so here gives the editor the addressed issues.
  requireRunnableGraph(runs.graph);
  return issueSessionToken({ sub: userId, workspaceId, flowId, ...(versionId === undefined ? {} : { versionId }) }, signingSecret());
}
