import { request } from "./api-request";

type Role = "owner" | "editor" | "viewer";

/** A workspace member (`GET /api/workspaces/{id}/members`). */
export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

/** An invitation that can still be used (docs/api.md "Invitations"). */
export interface Invitation {
  id: string;
  workspaceId: string;
  role: Role;
  email: string | null;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface InvitationPreview extends Invitation {
  workspaceName: string;
}

const path = (workspaceId: string, rest = "") => `/api/workspaces/${encodeURIComponent(workspaceId)}${rest}`;
const json = (value: unknown) => JSON.stringify(value);

/** Typed client of the workspace members and invitations API, for the browser. */
export const teamApi = {
  members: (workspaceId: string) => request<{ members: Member[] }>(path(workspaceId, "/members")).then((body) => body.members),
  setRole: (workspaceId: string, userId: string, role: Role) =>
    request<{ member: Member }>(path(workspaceId, `/members/${encodeURIComponent(userId)}`), { method: "PUT", body: json({ role }) }),
  /** Removes a member, or, naming oneself, leaves. */
  remove: (workspaceId: string, userId: string) =>
    request<void>(path(workspaceId, `/members/${encodeURIComponent(userId)}`), { method: "DELETE" }),
  invitations: (workspaceId: string) =>
    request<{ invitations: Invitation[] }>(path(workspaceId, "/invitations")).then((body) => body.invitations),
  invite: (workspaceId: string, body: { role: Role; email?: string }) =>
    request<{ invitation: Invitation; path: string; mailed: boolean }>(path(workspaceId, "/invitations"), {
      method: "POST",
      body: json(body),
    }),
  revoke: (workspaceId: string, invitationId: string) =>
    request<void>(path(workspaceId, `/invitations/${encodeURIComponent(invitationId)}`), { method: "DELETE" }),
  /** The invitations by email waiting for the signed-in person. */
  mine: () => request<{ invitations: InvitationPreview[] }>("/api/invitations").then((body) => body.invitations),
  accept: (key: { token: string } | { invitationId: string }) =>
    request<{ workspaceId: string; role: Role; joined: boolean }>("/api/invitations/accept", { method: "POST", body: json(key) }),
};
