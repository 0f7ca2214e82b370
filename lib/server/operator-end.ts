import { authorize, sessionScope } from "../auth/access";
import type { CurrentUser } from "../auth/current-user";
import type { Database } from "../db/prisma-client";
import { sessionStatus } from "../sessions/session-queries";
import type { EndSessionOutcome, SessionControl } from "./session-control";

/** What an operator's "end this call" came to: the host's outcome, or that there is no such session of theirs. */
export type OperatorEndOutcome = EndSessionOutcome | { kind: "not_found" };

/**
 * Ends a live session with reason `operator`, wherever it runs, for a user who may end it: an owner or editor of its
 * flow's workspace (a viewer, who may read it, is refused with 403). The session's row is written before its caller is
 * accepted (lib/sessions/session-claims.ts), so a live session is found from the moment it exists.
 */
export async function endSessionAsOperator(
  db: Database,
  control: SessionControl | undefined,
  user: CurrentUser,
  sessionId: string,
  goodbye: string | undefined,
): Promise<OperatorEndOutcome> {
  const stored = await sessionStatus(db, await sessionScope(db, user, "read"), sessionId);
  if (!stored) return { kind: "not_found" };
  if (stored.workspaceId !== null) await authorize(db, user, "end_session", { workspaceId: stored.workspaceId });
  if (stored.status === "ended") return { kind: "gone" };
  if (!control) return { kind: "unreachable", message: "No session runtime runs in this process" };
  return control.endSession(sessionId, "operator", { goodbye, runtimeId: stored.runtimeId });
}
