import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { revokeShareLink } from "@/lib/flows/share-links";

/** Revokes a share link (owners and editors): it stops opening the flow at once. */
export const DELETE = apiRoute<{ id: string; linkId: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId } = await authorize("edit", { flowId: params.id });
  if (!(await revokeShareLink(db, workspaceId, params.id, params.linkId))) {
    throw new ApiError(404, "not_found", "This flow has no such share link, or it was revoked already");
  }
  return new Response(null, { status: 204 });
});
