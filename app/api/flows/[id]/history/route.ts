import { flowHistory } from "@/lib/flows/flow-history";
import { notFound } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";

/** Who changed the flow, how and when, newest first: any member may read it. */
export const GET = apiRoute<{ id: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId } = await authorize("read", { flowId: params.id });
  const history = await flowHistory(db, workspaceId, params.id);
  if (!history) throw notFound();
  return Response.json({ history });
});
