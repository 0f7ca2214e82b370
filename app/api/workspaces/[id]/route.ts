import { apiRoute } from "@/lib/http/api-route";
import { readBody } from "@/lib/http/request-body";
import { renameWorkspaceBody } from "@/lib/http/workspace-bodies";
import { getWorkspace, renameWorkspace } from "@/lib/workspaces/workspace-repository";

export const GET = apiRoute<{ id: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId, role } = await authorize("read", { workspaceId: params.id });
  return Response.json({ workspace: await getWorkspace(db, workspaceId, role) });
});

export const PATCH = apiRoute<{ id: string }>(async (request, { db, params, authorize }) => {
  const { name } = await readBody(request, renameWorkspaceBody);
  const { workspaceId, role } = await authorize("manage", { workspaceId: params.id });
  return Response.json({ workspace: await renameWorkspace(db, workspaceId, name, role) });
});
