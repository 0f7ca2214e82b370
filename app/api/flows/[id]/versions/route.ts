import { noteFlowChange } from "@/lib/flows/flow-history";
import { listFlowVersions, publishFlowVersion } from "@/lib/flows/flow-repository";
import { notFound } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { publishFlowBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

export const GET = apiRoute<{ id: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId } = await authorize("read", { flowId: params.id });
  const versions = await listFlowVersions(db, workspaceId, params.id);
  if (!versions) throw notFound();
  return Response.json({ versions });
});

export const POST = apiRoute<{ id: string }>(async (request, { user, db, params, authorize }) => {
  const { revision } = await readBody(request, publishFlowBody);
  const { workspaceId } = await authorize("edit", { flowId: params.id });
  const version = await publishFlowVersion(db, workspaceId, params.id, revision, user.id);
  await noteFlowChange(db, { flowId: params.id, actorId: user.id, kind: "published", detail: { version: version.version } });
  return Response.json({ version }, { status: 201 });
});
