import { hasAccounts } from "../auth/first-account";
import { LOCAL_USER, LOCAL_WORKSPACE } from "../auth/local-user";
import { flowTemplates } from "../flow/samples";
import type { Database } from "./prisma-client";

/** The template a new installation starts with. */
const SEED_TEMPLATE_ID = "appointment-booking";

/**
 * Ensures the placeholder user "local" and its personal workspace (as its owner) exist. They hold the sample flow
 * until the first account is made, which inherits both (lib/auth/first-account.ts).
 */
export async function ensureLocalUser(db: Database): Promise<{ id: string }> {
  const user = await db.user.upsert({
    where: { id: LOCAL_USER.id },
    create: { id: LOCAL_USER.id, email: LOCAL_USER.email, name: LOCAL_USER.name },
    update: {},
    select: { id: true },
  });
  await db.workspace.upsert({
    where: { id: LOCAL_WORKSPACE.id },
    create: {
      id: LOCAL_WORKSPACE.id,
      name: LOCAL_WORKSPACE.name,
      personalOwnerId: user.id,
      memberships: { create: { userId: user.id, role: "owner" } },
    },
    update: {},
  });
  return user;
}

/**
 * Seeds an installation nobody has signed up to yet: the placeholder user and, when its workspace has no flows at
 * all, the sample "Appointment booking" flow. Once someone has an account there is nothing to seed: the first account
 * inherited the placeholder's workspace.
 */
export async function seed(db: Database): Promise<{ createdSampleFlow: boolean }> {
  if (await hasAccounts(db)) return { createdSampleFlow: false };
  const user = await ensureLocalUser(db);
  // Deleted flows count: someone who removed the sample does not want it back on every start.
  const existing = await db.flow.count({ where: { workspaceId: LOCAL_WORKSPACE.id } });
  if (existing > 0) return { createdSampleFlow: false };
  const template = flowTemplates.find((candidate) => candidate.id === SEED_TEMPLATE_ID);
  if (!template) throw new Error(`The seed template ${SEED_TEMPLATE_ID} is missing from lib/flow/samples`);
  await db.flow.create({ data: { workspaceId: LOCAL_WORKSPACE.id, createdById: user.id, name: template.name, graph: template.graph() } });
  return { createdSampleFlow: true };
}
