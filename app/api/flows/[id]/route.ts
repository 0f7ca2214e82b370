import { collabNotice } from "@/lib/collab/collab-notice";
import { noteFlowChange } from "@/lib/flows/flow-history";
import { deleteFlow, getFlow, updateFlow } from "@/lib/flows/flow-repository";
import { validationReport } from "@/lib/flows/flow-validation";
import { notFound } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { updateFlowBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

export const GET = apiRoute<{ id: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId, role } = await authorize("read", { flowId: params.id });
  const flow = await getFlow(db, workspaceId, params.id);
  if (!flow) throw notFound();
  // The caller's role in the flow's workspace: the editor opens read-only for a viewer.
  return Response.json({ flow, validation: validationReport(flow.graph), role });
});

export const PUT = apiRoute<{ id: string }>(async (request, { user, db, params, authorize }) => {
  const change = await readBody(request, updateFlowBody);
  const { workspaceId } = await authorize("edit", { flowId: params.id });
  // The editor sends the name with every save: only a different one is a rename in the history.
  const before = change.name === undefined ? null : await db.flow.findFirst({ where: { id: params.id }, select: { name: true } });
  const flow = await updateFlow(db, workspaceId, params.id, change);
  // Anyone co-editing the flow gets this save merged into their canvas.
  collabNotice()?.flowChanged(flow.id);
  if (change.graph !== undefined) await noteFlowChange(db, { flowId: flow.id, actorId: user.id, kind: "edited" });
  if (before && before.name !== flow.name) {
    await noteFlowChange(db, { flowId: flow.id, actorId: user.id, kind: "renamed", detail: { from: before.name, to: flow.name } });
  }
  return Response.json({ flow, validation: validationReport(flow.graph) });
});

export const DELETE = apiRoute<{ id: string }>(async (_request, { user, db, params, authorize }) => {
  const { workspaceId } = await authorize("delete", { flowId: params.id });
  await deleteFlow(db, workspaceId, params.id);
  collabNotice()?.flowChanged(params.id);
  await noteFlowChange(db, { flowId: params.id, actorId: user.id, kind: "deleted" });
  return new Response(null, { status: 204 });
});
