import { moveFlow } from "@/lib/flows/flow-repository";
import { apiRoute } from "@/lib/http/api-route";
import { readBody } from "@/lib/http/request-body";
import { moveFlowBody } from "@/lib/http/workspace-bodies";

/** Moves a flow, its versions and its sessions to another workspace: it leaves one (`delete`) and arrives in the other. */
export const POST = apiRoute<{ id: string }>(async (request, { db, params, authorize }) => {
  const { workspaceId } = await readBody(request, moveFlowBody);
  const from = await authorize("delete", { flowId: params.id });
  const to = await authorize("edit", { workspaceId });
  return Response.json({ flow: await moveFlow(db, from.workspaceId, params.id, to.workspaceId) });
});
