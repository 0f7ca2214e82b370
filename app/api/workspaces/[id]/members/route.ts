import { apiRoute } from "@/lib/http/api-route";
import { listMembers } from "@/lib/workspaces/workspace-repository";

/** Who is in the workspace, with their roles: any member may see it. */
export const GET = apiRoute<{ id: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId } = await authorize("read", { workspaceId: params.id });
  return Response.json({ members: await listMembers(db, workspaceId) });
});
