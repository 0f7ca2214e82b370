import { duplicateFlow } from "@/lib/flows/flow-repository";
import { apiRoute } from "@/lib/http/api-route";
import { duplicateFlowBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

/** A copy in the same workspace: reading the flow and adding one there are both needed, which `edit` implies. */
export const POST = apiRoute<{ id: string }>(async (request, { user, db, params, authorize }) => {
  const body = await readBody(request, duplicateFlowBody);
  const { workspaceId } = await authorize("edit", { flowId: params.id });
  const flow = await duplicateFlow(db, workspaceId, params.id, {
    ...(body?.name === undefined ? {} : { name: body.name }),
    createdById: user.id,
  });
  return Response.json({ flow }, { status: 201 });
});
