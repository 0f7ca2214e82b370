import { personalWorkspaceId, workspacesAllowing } from "@/lib/auth/access";
import { noteFlowChange } from "@/lib/flows/flow-history";
import { createFlow, listFlows } from "@/lib/flows/flow-repository";
import { apiRoute } from "@/lib/http/api-route";
import { createFlowBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

/** The flows of every workspace the caller may read. */
export const GET = apiRoute(async (_request, { user, db }) =>
  Response.json({ flows: await listFlows(db, await workspacesAllowing(db, user, "read")) }),
);

/** A new flow in the named workspace, or the caller's personal one. */
export const POST = apiRoute(async (request, { user, db, authorize }) => {
  const body = await readBody(request, createFlowBody);
  const { workspaceId } = await authorize("edit", { workspaceId: body.workspaceId ?? (await personalWorkspaceId(db, user)) });
  const input = body.graph === undefined ? { name: body.name, templateId: body.templateId } : { name: body.name, graph: body.graph };
  const flow = await createFlow(db, workspaceId, input, user.id);
  await noteFlowChange(db, {
    flowId: flow.id,
    actorId: user.id,
    kind: "created",
    ...(body.templateId ? { detail: { templateId: body.templateId } } : {}),
  });
  return Response.json({ flow }, { status: 201 });
});
