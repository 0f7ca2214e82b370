import { noteFlowChange } from "@/lib/flows/flow-history";
import { duplicateFlow } from "@/lib/flows/flow-repository";
import { apiRoute } from "@/lib/http/api-route";
import { duplicateFlowBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

/** A copy beside the flow, or in another workspace (`workspaceId`): reading the flow, and adding one where it goes. */
export const POST = apiRoute<{ id: string }>(async (request, { user, db, params, authorize }) => {
  const body = await readBody(request, duplicateFlowBody);
  const source = await authorize("read", { flowId: params.id });
  const target = await authorize("edit", { workspaceId: body?.workspaceId ?? source.workspaceId });
  const flow = await duplicateFlow(db, source.workspaceId, params.id, {
    ...(body?.name === undefined ? {} : { name: body.name }),
    createdById: user.id,
    toWorkspaceId: target.workspaceId,
  });
  await noteFlowChange(db, { flowId: flow.id, actorId: user.id, kind: "created", detail: { copiedFrom: params.id } });
  return Response.json({ flow }, { status: 201 });
});
