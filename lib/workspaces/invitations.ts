import type { Database } from "../db/prisma-client";
import type { WorkspaceRole } from "../generated/prisma/enums";
import { linkSecretHash, newLinkSecret } from "../secrets/link-secret";
import { InvitationError } from "./invitation-errors";

/** How long an invitation stays usable unless said otherwise, and the longest it may. */
export const DEFAULT_INVITATION_DAYS = 7;
export const MAX_INVITATION_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** An invitation as the workspace's owners see it (docs/api.md `Invitation`); its secret is never shown again. */
export interface InvitationSummary {
  id: string;
  workspaceId: string;
  role: WorkspaceRole;
  /** The address it is for, or null for an invitation by link. */
  email: string | null;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** What the person opening an invitation sees before joining. */
export interface InvitationPreview extends InvitationSummary {
  workspaceName: string;
}

const summarySelect = {
  id: true,
  workspaceId: true,
  role: true,
  email: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  acceptedAt: true,
  createdBy: { select: { name: true } },
  workspace: { select: { name: true } },
} as const;

type InvitationRow = {
  id: string;
  workspaceId: string;
  role: WorkspaceRole;
  email: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  acceptedAt: Date | null;
  createdBy: { name: string } | null;
  workspace: { name: string };
};

function toSummary(row: InvitationRow): InvitationSummary {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    role: row.role,
    email: row.email,
    invitedBy: row.createdBy?.name ?? null,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}

/** Makes an invitation; the returned token (the link's secret) exists only in this answer. */
export async function createInvitation(
  db: Database,
  input: { workspaceId: string; role: WorkspaceRole; email?: string; createdById: string; days?: number },
  now = new Date(),
): Promise<{ invitation: InvitationSummary; token: string }> {
  const { token, tokenHash } = newLinkSecret();
  const days = Math.min(input.days ?? DEFAULT_INVITATION_DAYS, MAX_INVITATION_DAYS);
  const row = await db.invitation.create({
    data: {
      workspaceId: input.workspaceId,
      role: input.role,
      email: input.email?.trim().toLowerCase() ?? null,
      tokenHash,
      createdById: input.createdById,
      expiresAt: new Date(now.getTime() + days * DAY_MS),
    },
    select: summarySelect,
  });
  return { invitation: toSummary(row), token };
}

/** A workspace's invitations that can still be used, newest first. */
export async function listInvitations(db: Database, workspaceId: string, now = new Date()): Promise<InvitationSummary[]> {
  const rows = await db.invitation.findMany({
    where: { workspaceId, revokedAt: null, acceptedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: summarySelect,
  });
  return rows.map(toSummary);
}

/** Revokes one: its link stops working at once. False when the workspace has no such invitation. */
export async function revokeInvitation(db: Database, workspaceId: string, invitationId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.invitation.updateMany({ where: { id: invitationId, workspaceId, revokedAt: null }, data: { revokedAt: now } });
  return count === 1;
}

/** The invitations by email waiting for `email`'s account, shown to them when they sign in. */
export async function invitationsFor(db: Database, email: string, now = new Date()): Promise<InvitationPreview[]> {
  const rows = await db.invitation.findMany({
    where: { email: email.toLowerCase(), revokedAt: null, acceptedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: summarySelect,
  });
  return rows.map((row) => ({ ...toSummary(row), workspaceName: row.workspace.name }));
}

/** Which invitation a person is using: the link's secret, or (for one sent to their address) its id. */
export type InvitationKey = { token: string } | { invitationId: string };

function whereOf(key: InvitationKey) {
  return "token" in key ? { tokenHash: linkSecretHash(key.token) } : { id: key.invitationId };
}

/** Throws the problem with an invitation `user` wants to use, if any. */
function refuseUnusable(row: InvitationRow, key: InvitationKey, user: { email: string }, now: Date): void {
  const mine = row.email === null || row.email === user.email.toLowerCase();
  // An id names only invitations to one's own address: others' cannot be probed by id.
  if ("invitationId" in key && (row.email === null || !mine)) {
    throw new InvitationError("invitation_not_found", "There is no such invitation");
  }
  if (row.revokedAt) throw new InvitationError("invitation_revoked", "This invitation was withdrawn. Ask for a new one.");
  if (row.expiresAt <= now) throw new InvitationError("invitation_expired", "This invitation has expired. Ask for a new one.");
  if (row.acceptedAt) throw new InvitationError("invitation_used", "This invitation has been used already.");
  if (!mine) {
    throw new InvitationError(
      "invitation_for_someone_else",
      `This invitation is for ${row.email}. Sign in with that address to accept it.`,
    );
  }
}

/** What an invitation offers, for the person about to accept it; throws InvitationError when it cannot be used. */
export async function previewInvitation(
  db: Database,
  key: InvitationKey,
  user: { email: string },
  now = new Date(),
): Promise<InvitationPreview> {
  const row = await db.invitation.findUnique({ where: whereOf(key), select: summarySelect });
  if (!row) throw new InvitationError("invitation_not_found", "There is no such invitation. Check the link, or ask for a new one.");
  refuseUnusable(row, key, user, now);
  return { ...toSummary(row), workspaceName: row.workspace.name };
}

/**
 * Makes `user` a member with the invitation's role, or leaves them as they are when they are one already (an
 * invitation never lowers a role). An email invitation is used up; a link stays usable for others. The invitation's
 * row lock makes a revoke and an accept that race come out one way or the other, never both.
 */
export async function acceptInvitation(
  db: Database,
  key: InvitationKey,
  user: { id: string; email: string },
  now = new Date(),
): Promise<{ workspaceId: string; role: WorkspaceRole; joined: boolean }> {
  return db.$transaction(async (tx) => {
    const found = await tx.invitation.findUnique({ where: whereOf(key), select: { id: true } });
    if (!found) throw new InvitationError("invitation_not_found", "There is no such invitation. Check the link, or ask for a new one.");
    await tx.$executeRaw`SELECT 1 FROM "Invitation" WHERE "id" = ${found.id} FOR UPDATE`;
    const row = await tx.invitation.findUniqueOrThrow({ where: { id: found.id }, select: summarySelect });
    refuseUnusable(row, key, user, now);
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: row.workspaceId, userId: user.id } },
      select: { role: true },
    });
    if (!existing) await tx.membership.create({ data: { workspaceId: row.workspaceId, userId: user.id, role: row.role } });
    if (row.email !== null) await tx.invitation.update({ where: { id: row.id }, data: { acceptedAt: now } });
    return { workspaceId: row.workspaceId, role: existing?.role ?? row.role, joined: !existing };
  });
}
