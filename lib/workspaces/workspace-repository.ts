import type { Database } from "../db/prisma-client";
import type { WorkspaceRole } from "../generated/prisma/enums";
import { MemberNotFoundError, WorkspaceRuleError } from "./workspace-errors";

/** A workspace as its members see it in lists (docs/api.md `Workspace`). */
export interface WorkspaceSummary {
  id: string;
  name: string;
  /** A user's own workspace (one each), as opposed to a team's. */
  personal: boolean;
  /** The caller's role in it. */
  role: WorkspaceRole;
  memberCount: number;
  createdAt: Date;
}

/** A member as the workspace's members see them (docs/api.md `Member`). */
export interface MemberSummary {
  userId: string;
  name: string;
  email: string;
  role: WorkspaceRole;
  joinedAt: Date;
}

const workspaceSelect = {
  id: true,
  name: true,
  personalOwnerId: true,
  createdAt: true,
  _count: { select: { memberships: true } },
} as const;

/** The workspaces `userId` is a member of: their personal one first, then teams by name. */
export async function listWorkspaces(db: Database, userId: string): Promise<WorkspaceSummary[]> {
  const memberships = await db.membership.findMany({ where: { userId }, select: { role: true, workspace: { select: workspaceSelect } } });
  return memberships
    .map(({ role, workspace }) => toSummary(workspace, role))
    .sort((a, b) => Number(b.personal) - Number(a.personal) || a.name.localeCompare(b.name));
}

/** One workspace with the caller's role, once the access check has found them a member. */
export async function getWorkspace(db: Database, workspaceId: string, role: WorkspaceRole): Promise<WorkspaceSummary> {
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: workspaceSelect });
  return toSummary(workspace, role);
}

/** A team workspace whose first member, its owner, is `userId`. */
export async function createWorkspace(db: Database, userId: string, name: string): Promise<WorkspaceSummary> {
  const workspace = await db.workspace.create({
    data: { name, memberships: { create: { userId, role: "owner" } } },
    select: workspaceSelect,
  });
  return toSummary(workspace, "owner");
}

export async function renameWorkspace(db: Database, workspaceId: string, name: string, role: WorkspaceRole): Promise<WorkspaceSummary> {
  const workspace = await db.workspace.update({ where: { id: workspaceId }, data: { name }, select: workspaceSelect });
  return toSummary(workspace, role);
}

/** The workspace's members, owners first, then by name. */
export async function listMembers(db: Database, workspaceId: string): Promise<MemberSummary[]> {
  const rows = await db.membership.findMany({
    where: { workspaceId },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  const rank: Record<WorkspaceRole, number> = { owner: 0, editor: 1, viewer: 2 };
  return rows
    .map(({ role, createdAt, user }) => ({ userId: user.id, name: user.name, email: user.email, role, joinedAt: createdAt }))
    .sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name));
}

/**
 * Gives a member another role. A workspace keeps at least one owner, so the last owner cannot step down; the check and
 * the change hold the workspace's row lock, so two owners demoting each other at once cannot both succeed.
 */
export async function setMemberRole(db: Database, workspaceId: string, userId: string, role: WorkspaceRole): Promise<MemberSummary> {
  return db.$transaction(async (tx) => {
    const current = await lockedMembership(tx, workspaceId, userId);
    if (current.role === "owner" && role !== "owner") await refuseLastOwner(tx, workspaceId, "step down");
    await tx.membership.update({ where: { workspaceId_userId: { workspaceId, userId } }, data: { role } });
    return { ...current, role };
  });
}

/** Removes a member (or lets one leave). Not the last owner, and not the person whose personal workspace it is. */
export async function removeMember(db: Database, workspaceId: string, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await lockedMembership(tx, workspaceId, userId);
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { personalOwnerId: true } });
    if (workspace.personalOwnerId === userId) {
      throw new WorkspaceRuleError("personal_workspace", "A personal workspace always keeps its own person");
    }
    if (current.role === "owner") await refuseLastOwner(tx, workspaceId, "leave");
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
  });
}

type Transaction = Parameters<Parameters<Database["$transaction"]>[0]>[0];

async function lockedMembership(tx: Transaction, workspaceId: string, userId: string): Promise<MemberSummary> {
  // Member changes of one workspace take turns: the owner count below stays true until the change is written.
  await tx.$executeRaw`SELECT 1 FROM "Workspace" WHERE "id" = ${workspaceId} FOR UPDATE`;
  const row = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!row) throw new MemberNotFoundError(userId);
  return { userId: row.user.id, name: row.user.name, email: row.user.email, role: row.role, joinedAt: row.createdAt };
}

async function refuseLastOwner(tx: Transaction, workspaceId: string, what: string): Promise<void> {
  const owners = await tx.membership.count({ where: { workspaceId, role: "owner" } });
  if (owners <= 1)
    throw new WorkspaceRuleError("last_owner", `The last owner of a workspace cannot ${what}: make someone else an owner first`);
}

function toSummary(
  workspace: { id: string; name: string; personalOwnerId: string | null; createdAt: Date; _count: { memberships: number } },
  role: WorkspaceRole,
): WorkspaceSummary {
  return {
    id: workspace.id,
    name: workspace.name,
    personal: workspace.personalOwnerId !== null,
    role,
    memberCount: workspace._count.memberships,
    createdAt: workspace.createdAt,
  };
}
