import { apiRoute } from "@/lib/http/api-route";
import { invitationsFor } from "@/lib/workspaces/invitations";

/** The invitations by email waiting for the caller's address (the flow list shows them, with Join). */
export const GET = apiRoute(async (_request, { user, db }) => Response.json({ invitations: await invitationsFor(db, user.email) }));
