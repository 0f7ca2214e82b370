import { collabNotice } from "@/lib/collab/collab-notice";
import { noteFlowChange } from "@/lib/flows/flow-history";
import { moveFlow } from "@/lib/flows/flow-repository";
import { apiRoute } from "@/lib/http/api-route";
import { readBody } from "@/lib/http/request-body";
import { moveFlowBody } from "@/lib/http/workspace-bodies";

/** Moves a flow, its versions and its sessions to another workspace: it leaves one (`delete`) and arrives in the other. */
export const POST = apiRoute<{ id: string }>(async (request, { user, db, params, authorize }) => {
  const { workspaceId } = await readBody(request, moveFlowBody);
  const from = await authorize("delete", { flowId: params.id });
  const to = await authorize("edit", { workspaceId });
  const flow = await moveFlow(db, from.workspaceId, params.id, to.workspaceId);
  // Its open editors are checked against the new workspace's members.
  collabNotice()?.flowChanged(flow.id);
  const names = await db.workspace.findMany({
    where: { id: { in: [from.workspaceId, to.workspaceId] } },
    select: { id: true, name: true },
  });
  const nameOf = (id: string) => names.find((workspace) => workspace.id === id)?.name ?? null;
  await noteFlowChange(db, {
    flowId: flow.id,
    actorId: user.id,
    kind: "moved",
    detail: { from: nameOf(from.workspaceId), to: nameOf(to.workspaceId) },
  });
  return Response.json({ flow });
});
