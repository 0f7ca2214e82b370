import { deleteFlow, getFlow, updateFlow } from "@/lib/flows/flow-repository";
import { validationReport } from "@/lib/flows/flow-validation";
import { notFound } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { updateFlowBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

export const GET = apiRoute<{ id: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId } = await authorize("read", { flowId: params.id });
  const flow = await getFlow(db, workspaceId, params.id);
  if (!flow) throw notFound();
  return Response.json({ flow, validation: validationReport(flow.graph) });
});

export const PUT = apiRoute<{ id: string }>(async (request, { db, params, authorize }) => {
  const change = await readBody(request, updateFlowBody);
  const { workspaceId } = await authorize("edit", { flowId: params.id });
  const flow = await updateFlow(db, workspaceId, params.id, change);
  return Response.json({ flow, validation: validationReport(flow.graph) });
});

export const DELETE = apiRoute<{ id: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId } = await authorize("delete", { flowId: params.id });
  await deleteFlow(db, workspaceId, params.id);
  return new Response(null, { status: 204 });
});
