import { getFlowVersion } from "@/lib/flows/flow-repository";
import { notFound } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";

export const GET = apiRoute<{ id: string; versionId: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId } = await authorize("read", { flowId: params.id });
  const version = await getFlowVersion(db, workspaceId, params.id, params.versionId);
  if (!version) throw notFound("That version");
  return Response.json({ version });
});
