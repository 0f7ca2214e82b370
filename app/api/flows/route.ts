import { createFlow, listFlows } from "@/lib/flows/flow-repository";
import { apiRoute } from "@/lib/http/api-route";
import { createFlowBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

export const GET = apiRoute(async (_request, { user, db }) => Response.json({ flows: await listFlows(db, user.id) }));

export const POST = apiRoute(async (request, { user, db }) => {
  const body = await readBody(request, createFlowBody);
  const flow = await createFlow(
    db,
    user.id,
    body.graph === undefined ? { name: body.name, templateId: body.templateId } : { name: body.name, graph: body.graph },
  );
  return Response.json({ flow }, { status: 201 });
});
