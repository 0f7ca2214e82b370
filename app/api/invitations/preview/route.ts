import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { previewInvitation } from "@/lib/workspaces/invitations";

/** What the invitation with this secret (`?token=`) offers the caller: 404, 410 or 403 when they cannot use it. */
export const GET = apiRoute(async (request, { user, db }) => {
  const token = new URL(request.url).searchParams.get("token");
  if (!token) throw new ApiError(400, "invalid_request", "Name the invitation: ?token= the secret from its link");
  return Response.json({ invitation: await previewInvitation(db, { token }, user) });
});
