import { listFlowVersions, publishFlowVersion } from "@/lib/flows/flow-repository";
import { notFound } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { publishFlowBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

export const GET = apiRoute<{ id: string }>(async (_request, { user, db, params }) => {
  const versions = await listFlowVersions(db, user.id, params.id);
  if (!versions) throw notFound();
  return Response.json({ versions });
});

export const POST = apiRoute<{ id: string }>(async (request, { user, db, params }) => {
  const { revision } = await readBody(request, publishFlowBody);
  const version = await publishFlowVersion(db, user.id, params.id, revision, user.id);
  return Response.json({ version }, { status: 201 });
});
