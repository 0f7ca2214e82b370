import { z } from "zod";
import { storableText } from "../flow/text";

const workspaceName = storableText(z.string().trim().min(1, "A workspace needs a name").max(100));
const id = storableText(z.string().min(1).max(100));

/** `POST /api/workspaces`. */
export const createWorkspaceBody = z.strictObject({ name: workspaceName });

/** `PATCH /api/workspaces/{id}`. */
export const renameWorkspaceBody = z.strictObject({ name: workspaceName });

/** `PUT /api/workspaces/{id}/members/{userId}`. */
export const memberRoleBody = z.strictObject({ role: z.enum(["owner", "editor", "viewer"]) });

/** `POST /api/flows/{id}/move`. */
export const moveFlowBody = z.strictObject({ workspaceId: id });

/** `POST /api/workspaces/{id}/invitations`: a link (no email), or an invitation for one address. */
export const createInvitationBody = z.strictObject({
  role: z.enum(["owner", "editor", "viewer"]),
  email: z.email("That is not an email address").max(254).optional(),
  days: z.int().min(1).max(30).optional(),
});

const invitationToken = storableText(z.string().min(1).max(200));

/** `POST /api/invitations/accept`: the link's secret, or the id of an invitation sent to the caller's address. */
export const acceptInvitationBody = z.union([z.strictObject({ token: invitationToken }), z.strictObject({ invitationId: id })]);
