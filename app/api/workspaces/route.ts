import { apiRoute } from "@/lib/http/api-route";
import { readBody } from "@/lib/http/request-body";
import { createWorkspaceBody } from "@/lib/http/workspace-bodies";
import { createWorkspace, listWorkspaces } from "@/lib/workspaces/workspace-repository";

/** The caller's workspaces, with their role in each. */
export const GET = apiRoute(async (_request, { user, db }) => Response.json({ workspaces: await listWorkspaces(db, user.id) }));

/** A team workspace, owned by the caller. */
export const POST = apiRoute(async (request, { user, db }) => {
  const { name } = await readBody(request, createWorkspaceBody);
  return Response.json({ workspace: await createWorkspace(db, user.id, name) }, { status: 201 });
});
