import { apiRoute } from "@/lib/http/api-route";
import { readBody } from "@/lib/http/request-body";
import { createInvitationBody } from "@/lib/http/workspace-bodies";
import { invitationPath } from "@/lib/workspaces/invitation-link";
import { createInvitation, listInvitations } from "@/lib/workspaces/invitations";
import { mailer } from "@/lib/mail/mailer";

/** The workspace's invitations that can still be used (owners only); their secrets are never shown again. */
export const GET = apiRoute<{ id: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId } = await authorize("manage", { workspaceId: params.id });
  return Response.json({ invitations: await listInvitations(db, workspaceId) });
});

/**
 * Invites people (owners only): a link anyone signed in may use until it expires, or, with `email`, an invitation for
 * that address, mailed when this server sends mail and shown to its person when they sign in. The answer holds the
 * link's path (`/invite/{secret}`), once.
 */
export const POST = apiRoute<{ id: string }>(async (request, { user, db, params, authorize }) => {
  const body = await readBody(request, createInvitationBody);
  const { workspaceId } = await authorize("manage", { workspaceId: params.id });
  const { invitation, token } = await createInvitation(db, { ...body, workspaceId, createdById: user.id });
  const path = invitationPath(token);
  let mailed = false;
  const mail = mailer();
  if (invitation.email !== null && mail.enabled) {
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } });
    await mail.send({
      to: invitation.email,
      subject: `${user.name} invited you to ${workspace.name} on Switchboard`,
      text: `${user.name} invited you to join ${workspace.name} as ${invitation.role}.\n\nOpen ${new URL(path, request.url).href} to join (it works until ${invitation.expiresAt.toUTCString()}).`,
    });
    mailed = true;
  }
  return Response.json({ invitation, path, mailed }, { status: 201 });
});
