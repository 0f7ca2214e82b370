import { permits } from "@/lib/auth/access";
import { collabNotice } from "@/lib/collab/collab-notice";
import { apiRoute } from "@/lib/http/api-route";
import { readBody } from "@/lib/http/request-body";
import { memberRoleBody } from "@/lib/http/workspace-bodies";
import { sessionControl } from "@/lib/server/session-control";
import { endCallsOfRevokedMember } from "@/lib/workspaces/revoked-calls";
import { removeMember, setMemberRole } from "@/lib/workspaces/workspace-repository";

/** Changes a member's role (owners only; the last owner cannot step down). A new viewer's live test calls end. */
export const PUT = apiRoute<{ id: string; userId: string }>(async (request, { db, params, authorize }) => {
  const { role } = await readBody(request, memberRoleBody);
  const { workspaceId } = await authorize("manage", { workspaceId: params.id });
  const member = await setMemberRole(db, workspaceId, params.userId, role);
  // Their open editors follow at once: a new viewer's edits are refused from now on.
  collabNotice()?.accessChanged(workspaceId, params.userId);
  if (!permits(role, "test")) await endCallsOfRevokedMember(db, sessionControl(), workspaceId, params.userId);
  return Response.json({ member });
});

/** Removes a member (owners), or leaves (any member, naming themselves); never the last owner. Their live calls end. */
export const DELETE = apiRoute<{ id: string; userId: string }>(async (_request, { user, db, params, authorize }) => {
  const { workspaceId } = await authorize(params.userId === user.id ? "read" : "manage", { workspaceId: params.id });
  await removeMember(db, workspaceId, params.userId);
  // Their open editors of this workspace's flows are closed.
  collabNotice()?.accessChanged(workspaceId, params.userId);
  await endCallsOfRevokedMember(db, sessionControl(), workspaceId, params.userId);
  return new Response(null, { status: 204 });
});
