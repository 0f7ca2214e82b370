import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { revokeInvitation } from "@/lib/workspaces/invitations";

/** Withdraws an invitation (owners only): its link stops working at once. */
export const DELETE = apiRoute<{ id: string; invitationId: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId } = await authorize("manage", { workspaceId: params.id });
  if (!(await revokeInvitation(db, workspaceId, params.invitationId))) {
    throw new ApiError(404, "not_found", "This workspace has no such invitation, or it was withdrawn already");
  }
  return new Response(null, { status: 204 });
});
