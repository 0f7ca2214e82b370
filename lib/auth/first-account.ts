import type { Database } from "../db/prisma-client";
import { LOCAL_USER } from "./local-user";

/** The name a new account's own workspace gets (the user can rename it). */
export const PERSONAL_WORKSPACE_NAME = "Personal";

/**
 * Runs once for every new account, right after better-auth stores the user. The first account on an installation
 * takes the place of the seeded placeholder user "local": it inherits that user's personal workspace with the sample
 * flow, its memberships, and its name on flows, versions, history and sessions, so the README's run command leads a
 * newcomer from the sign-up form straight to their flows. Every later account gets a personal workspace of its own.
 *
 * Two first sign-ups at once take turns on the placeholder's row lock; the second finds it gone and gets its own.
 */
export async function setUpNewAccount(db: Database, user: { id: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const placeholder = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${LOCAL_USER.id} FOR UPDATE`;
    if (placeholder.length === 0) {
      await tx.workspace.create({
        data: { name: PERSONAL_WORKSPACE_NAME, personalOwnerId: user.id, memberships: { create: { userId: user.id, role: "owner" } } },
      });
      return;
    }
    const from = LOCAL_USER.id;
    // A brand-new user has no memberships, so moving the placeholder's cannot collide on (workspaceId, userId).
    await tx.membership.updateMany({ where: { userId: from }, data: { userId: user.id } });
    await tx.workspace.updateMany({ where: { personalOwnerId: from }, data: { personalOwnerId: user.id } });
    await tx.flow.updateMany({ where: { createdById: from }, data: { createdById: user.id } });
    await tx.flowVersion.updateMany({ where: { createdById: from }, data: { createdById: user.id } });
    await tx.flowChange.updateMany({ where: { actorId: from }, data: { actorId: user.id } });
    await tx.session.updateMany({ where: { userId: from }, data: { userId: user.id } });
    await tx.user.delete({ where: { id: from } });
  });
}

/** Whether anyone has an account yet (before that, the first visit is asked to make one). */
export async function hasAccounts(db: Database): Promise<boolean> {
  return (await db.user.count({ where: { id: { not: LOCAL_USER.id } } })) > 0;
}
