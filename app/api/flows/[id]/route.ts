import { deleteFlow, getFlow, updateFlow } from "@/lib/flows/flow-repository";
import { validationReport } from "@/lib/flows/flow-validation";
import { notFound } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { updateFlowBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

export const GET = apiRoute<{ id: string }>(async (_request, { user, db, params }) => {
  const flow = await getFlow(db, user.id, params.id);
  if (!flow) throw notFound();
  return Response.json({ flow, validation: validationReport(flow.graph) });
});

export const PUT = apiRoute<{ id: string }>(async (request, { user, db, params }) => {
  const flow = await updateFlow(db, user.id, params.id, await readBody(request, updateFlowBody));
  return Response.json({ flow, validation: validationReport(flow.graph) });
});

export const DELETE = apiRoute<{ id: string }>(async (_request, { user, db, params }) => {
  await deleteFlow(db, user.id, params.id);
  return new Response(null, { status: 204 });
});
