import type { Database } from "../db/prisma-client";
import { Prisma } from "../generated/prisma/client";
import type { SessionScope } from "../sessions/session-queries";
import type { WorkspaceRole } from "../generated/prisma/enums";
import type { CurrentUser } from "./current-user";
import { PERSONAL_WORKSPACE_NAME } from "./first-account";

/**
 * What a request may want to do with a workspace's content. Every route handler, page and socket event that touches a
 * flow, a version or a session names one of these and asks `authorize` (or `workspacesAllowing` for lists) first; the
 * queries that follow are then scoped to the workspace the check returned.
 */
export type WorkspaceAction =
  /** See flows, versions, sessions and their logs. */
  | "read"
  /** Create, save, rename, duplicate and import flows; publish versions. */
  | "edit"
  /** Remove a flow. */
  | "delete"
  /** Start a test call on a flow (Socket.IO or LiveKit). */
  | "test"
  /** End someone's live session. */
  | "end_session"
  /** Invite, change roles, remove members, rename or delete the workspace. */
  | "manage";

export type { WorkspaceRole };

const PERMITTED: Record<WorkspaceRole, ReadonlySet<WorkspaceAction>> = {
  owner: new Set<WorkspaceAction>(["read", "edit", "delete", "test", "end_session", "manage"]),
  editor: new Set<WorkspaceAction>(["read", "edit", "delete", "test", "end_session"]),
  viewer: new Set<WorkspaceAction>(["read"]),
};

/** Whether a role allows an action. The one table of who may do what. */
export function permits(role: WorkspaceRole, action: WorkspaceAction): boolean {
  return PERMITTED[role].has(action);
}

/** The thing a request is about: a workspace itself, or a live flow (by id), whose workspace is looked up. */
export type AccessTarget = { workspaceId: string } | { flowId: string };

/** What a successful check grants: the workspace the following queries are scoped to, and the caller's role in it. */
export interface AccessGrant {
  workspaceId: string;
  role: WorkspaceRole;
}

/**
 * The target does not exist for this user: no such flow, or one in a workspace they are not a member of. The two are
 * one answer on purpose, so that ids of other workspaces' flows cannot be probed.
 */
export class AccessNotFoundError extends Error {
  constructor(readonly target: AccessTarget) {
    super("flowId" in target ? `No flow ${target.flowId}` : `No workspace ${target.workspaceId}`);
    this.name = "AccessNotFoundError";
  }
}

/** The user is a member, but their role does not allow the action. */
export class AccessDeniedError extends Error {
  constructor(
    readonly role: WorkspaceRole,
    readonly action: WorkspaceAction,
  ) {
    super(deniedMessage(role, action));
    this.name = "AccessDeniedError";
  }
}

/** Checks that `user` may do `action` on `target`; throws AccessNotFoundError or AccessDeniedError otherwise. */
export async function authorize(
  db: Database,
  user: Pick<CurrentUser, "id">,
  action: WorkspaceAction,
  target: AccessTarget,
): Promise<AccessGrant> {
  const found = await membershipFor(db, user.id, target);
  if (!found) throw new AccessNotFoundError(target);
  if (!permits(found.role, action)) throw new AccessDeniedError(found.role, action);
  return found;
}

/** The ids of the workspaces in which `user` may do `action`: what a list (flows, sessions) is scoped to. */
export async function workspacesAllowing(db: Database, user: Pick<CurrentUser, "id">, action: WorkspaceAction): Promise<string[]> {
  const memberships = await db.membership.findMany({ where: { userId: user.id }, select: { workspaceId: true, role: true } });
  return memberships.filter((membership) => permits(membership.role, action)).map((membership) => membership.workspaceId);
}

/** The sessions `user` may do `action` on (see SessionScope): a session belongs to its flow's workspace. */
export async function sessionScope(db: Database, user: Pick<CurrentUser, "id">, action: "read" | "end_session"): Promise<SessionScope> {
  return { workspaceIds: await workspacesAllowing(db, user, action), userId: user.id };
}

/**
 * The user's personal workspace: where a flow goes when no workspace is named. An account that has none (its sign-up
 * stopped between storing the user and making the workspace) gets it now, so the account is repaired, not stuck.
 */
export async function personalWorkspaceId(db: Database, user: Pick<CurrentUser, "id">): Promise<string> {
  const where = { personalOwnerId: user.id };
  const found = await db.workspace.findUnique({ where, select: { id: true } });
  if (found) return found.id;
  try {
    const made = await db.workspace.create({
      data: { name: PERSONAL_WORKSPACE_NAME, personalOwnerId: user.id, memberships: { create: { userId: user.id, role: "owner" } } },
      select: { id: true },
    });
    return made.id;
  } catch (error) {
    // Two requests repaired it at once: the other one's is the workspace.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return (await db.workspace.findUniqueOrThrow({ where, select: { id: true } })).id;
    throw error;
  }
}

async function membershipFor(db: Database, userId: string, target: AccessTarget): Promise<AccessGrant | null> {
  if ("workspaceId" in target) {
    return db.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: target.workspaceId, userId } },
      select: { workspaceId: true, role: true },
    });
  }
  // One statement: the caller's membership in the workspace that holds the live flow. (Selecting the flow with its
  // workspace's memberships nested, Prisma sends one query per table: three round trips on every flow request.)
  return db.membership.findFirst({
    where: { userId, workspace: { flows: { some: { id: target.flowId, deletedAt: null } } } },
    select: { workspaceId: true, role: true },
  });
}

function deniedMessage(role: WorkspaceRole, action: WorkspaceAction): string {
  const doing: Record<WorkspaceAction, string> = {
    read: "view this workspace's flows",
    edit: "change flows",
    delete: "remove flows",
    test: "start test calls",
    end_session: "end calls",
    manage: "manage the workspace's members",
  };
  return `As ${role === "editor" ? "an editor" : `a ${role}`} of this workspace you cannot ${doing[action]}`;
}
