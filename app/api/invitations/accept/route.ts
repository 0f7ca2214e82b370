import { apiRoute } from "@/lib/http/api-route";
import { readBody } from "@/lib/http/request-body";
import { acceptInvitationBody } from "@/lib/http/workspace-bodies";
import { acceptInvitation } from "@/lib/workspaces/invitations";

/**
 * Joins the invitation's workspace with its role: by the link's secret (`{ token }`), or by the id of an invitation
 * sent to the caller's address (`{ invitationId }`). Someone who is a member already keeps their role.
 */
export const POST = apiRoute(async (request, { user, db }) => {
  const key = await readBody(request, acceptInvitationBody);
  return Response.json(await acceptInvitation(db, key, user));
});
