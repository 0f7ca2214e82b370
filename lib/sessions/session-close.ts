import type { Database } from "../db/prisma-client";

/**
 * Ends a Session row from outside the runtime (a LiveKit webhook said its room or caller is gone), with a reason,
 * when nobody else will: the row is still live and the runtime process that held it has no current lease (it was
 * killed, crashed, or never took one). A row already ended, or held by a live process (which ends it itself through
 * the End path, with its own reason), is left as it is, so the call is idempotent. Resolves with whether it closed it.
 */
export async function closeOrphanedSession(db: Database, sessionId: string, reason: string, message: string): Promise<boolean> {
  const closed = await db.$executeRaw`UPDATE "Session" AS s
    SET "status" = 'ended', "endReason" = ${reason}, "endMessage" = ${message}, "endedAt" = now()
    WHERE s."id" = ${sessionId} AND s."status" = 'live'
      AND NOT EXISTS (SELECT 1 FROM "RuntimeLease" AS l WHERE l."id" = s."runtimeId" AND l."expiresAt" >= now())`;
  return closed > 0;
}
