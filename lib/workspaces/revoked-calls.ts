import type { Database } from "../db/prisma-client";
import { END_REASONS } from "../runtime/outputs";
import type { SessionControl } from "../server/session-control";

/** Words the caller hears and reads when their call is ended this way. */
const GOODBYE = "You no longer have access to this workspace, so this call has ended.";

/**
 * Ends, wherever they run, the live calls a person opened on a workspace's flows once they may no longer make them
 * (removed, left, or made a viewer): access ends at once, not when the call does. Resolves with how many were asked
 * to end; a call whose process cannot be reached is closed by that process's lease running out (docs/deployment.md).
 */
export async function endCallsOfRevokedMember(
  db: Database,
  control: SessionControl | undefined,
  workspaceId: string,
  userId: string,
): Promise<number> {
  if (!control) return 0;
  const live = await db.session.findMany({ where: { workspaceId, userId, status: "live" }, select: { id: true, runtimeId: true } });
  await Promise.all(
    live.map((session) => control.endSession(session.id, END_REASONS.accessRevoked, { goodbye: GOODBYE, runtimeId: session.runtimeId })),
  );
  return live.length;
}
