import type { Database } from "../db/prisma-client";
import { createFlow } from "../flows/flow-repository";
import type { WorkspaceRole } from "../generated/prisma/enums";
import { acceptInvitation, createInvitation } from "../workspaces/invitations";
import { createWorkspace } from "../workspaces/workspace-repository";
import type { SignedIn } from "./signed-in";

/** A Request to a route handler as `who` would send it from the browser (their cookie; a JSON body when given). */
export function requestAs(who: SignedIn, path: string, init: { method?: string; body?: unknown } = {}): Request {
  return new Request(`http://localhost/api${path}`, {
    method: init.method ?? "GET",
    headers: { cookie: who.cookie, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

/** A route handler's second argument, as Next.js passes it. */
export function routeParams<P extends Record<string, string>>(value: P): { params: Promise<P> } {
  return { params: Promise.resolve(value) };
}

/** A team as the tests about teams start from: the owner's workspace, each member joined by an invitation link. */
export interface TestTeam {
  workspaceId: string;
  /** The appointment-booking sample, made by the owner in the team workspace. */
  flowId: string;
}

/**
 * Makes a team workspace owned by `owner`, invites each member by link with their role and has them accept it, and
 * adds a flow from the appointment-booking template: through the same lib functions the route handlers call, for
 * tests whose subject is what a team does next (co-editing, calls, removal), not how it was made.
 */
export async function setUpTeam(
  db: Database,
  owner: SignedIn,
  members: readonly { who: SignedIn; role: WorkspaceRole }[],
  name = "Front desk",
): Promise<TestTeam> {
  const workspace = await createWorkspace(db, owner.user.id, name);
  for (const { who, role } of members) {
    const { token } = await createInvitation(db, { workspaceId: workspace.id, role, createdById: owner.user.id });
    await acceptInvitation(db, { token }, who.user);
  }
  const flow = await createFlow(db, workspace.id, { name: "Booking", templateId: "appointment-booking" }, owner.user.id);
  return { workspaceId: workspace.id, flowId: flow.id };
}
