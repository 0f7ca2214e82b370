import { duplicateFlow } from "@/lib/flows/flow-repository";
import { apiRoute } from "@/lib/http/api-route";
import { duplicateFlowBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

export const POST = apiRoute<{ id: string }>(async (request, { user, db, params }) => {
  const body = await readBody(request, duplicateFlowBody);
  const flow = await duplicateFlow(db, user.id, params.id, body?.name);
  return Response.json({ flow }, { status: 201 });
});
