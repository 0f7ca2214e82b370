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
