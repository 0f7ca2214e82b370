import type { FlowIssue } from "../flow/issues";
import { AccessDeniedError, AccessNotFoundError } from "../auth/access";
import { DirectoryLockedError } from "../db/directory-lock";
import { isDatabaseUnreachable } from "../db/unreachable";
import { FlowNotFoundError, InvalidFlowError, RevisionConflictError, ShareLinkError, UnknownTemplateError } from "../flows/flow-errors";
import { InvitationError } from "../workspaces/invitation-errors";
import { MemberNotFoundError, WorkspaceRuleError } from "../workspaces/workspace-errors";
import type { FlowRecord } from "../flows/flow-record";

/** An answer the API gives on purpose: a status and the documented error shape (docs/api.md). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { issues?: FlowIssue[]; current?: FlowRecord } = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const notFound = (what = "That flow") => new ApiError(404, "not_found", `${what} does not exist`);

/** `{ error: { code, message, issues?, current? } }` with the status. */
export function errorResponse(status: number, code: string, message: string, extra: ApiError["extra"] = {}): Response {
  return Response.json({ error: { code, message, ...extra } }, { status });
}

/** Gone (410) for an invitation that existed but can no longer be used; 403 for one that is someone else's. */
const INVITATION_STATUS: Record<InvitationError["code"], number> = {
  invitation_not_found: 404,
  invitation_expired: 410,
  invitation_revoked: 410,
  invitation_used: 410,
  invitation_for_someone_else: 403,
};

/** Gone (410) for a share link that was revoked: it existed, and will not open again. */
const SHARE_LINK_STATUS: Record<ShareLinkError["code"], number> = { share_link_not_found: 404, share_link_revoked: 410 };

/** Maps what lib/ throws to the documented answers; anything else is a 500 that is logged, not explained. */
export function responseForError(error: unknown): Response {
  if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message, error.extra);
  if (error instanceof FlowNotFoundError) return errorResponse(404, "not_found", "That flow does not exist");
  if (error instanceof AccessNotFoundError) {
    return errorResponse(404, "not_found", "flowId" in error.target ? "That flow does not exist" : "That workspace does not exist");
  }
  if (error instanceof AccessDeniedError) return errorResponse(403, "forbidden", error.message);
  if (error instanceof MemberNotFoundError) return errorResponse(404, "not_found", "That person is not a member of this workspace");
  if (error instanceof WorkspaceRuleError) return errorResponse(409, error.code, error.message);
  if (error instanceof InvitationError) return errorResponse(INVITATION_STATUS[error.code], error.code, error.message);
  if (error instanceof ShareLinkError) return errorResponse(SHARE_LINK_STATUS[error.code], error.code, error.message);
  if (error instanceof RevisionConflictError) {
    return errorResponse(409, "revision_conflict", error.message, { current: error.current });
  }
  if (error instanceof InvalidFlowError) return errorResponse(400, "invalid_flow", error.message, { issues: error.issues });
  if (error instanceof UnknownTemplateError) return errorResponse(400, "unknown_template", `There is no template "${error.templateId}"`);
  if (error instanceof DirectoryLockedError) return errorResponse(503, "database_unavailable", error.message);
  if (isDatabaseUnreachable(error)) {
    console.error("[api] the database is not answering:", error instanceof Error ? error.message.trim().split("\n").at(-1) : error);
    return errorResponse(503, "database_unavailable", "The database is not answering right now; try again in a moment");
  }
  console.error("[api] unexpected error:", error);
  return errorResponse(500, "internal", "Something went wrong on the server");
}
