import { importFlow } from "@/lib/flows/flow-documents";
import { noteFlowChange } from "@/lib/flows/flow-history";
import { validationReport } from "@/lib/flows/flow-validation";
import { personalWorkspaceId } from "@/lib/auth/access";
import { unstorableTextReason } from "@/lib/flow/text";
import { notFound } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { readJson } from "@/lib/http/request-body";

/** Imports into the caller's personal workspace, or the one named by `?workspaceId=`. */
export const POST = apiRoute(async (request, { user, db, authorize }) => {
  const named = new URL(request.url).searchParams.get("workspaceId");
  if (named !== null && unstorableTextReason(named) !== undefined) throw notFound("That workspace");
  const document = await readJson(request);
  const { workspaceId } = await authorize("edit", { workspaceId: named ?? (await personalWorkspaceId(db, user)) });
  const flow = await importFlow(db, workspaceId, document, user.id);
  await noteFlowChange(db, { flowId: flow.id, actorId: user.id, kind: "created", detail: { imported: true } });
  return Response.json({ flow, validation: validationReport(flow.graph) }, { status: 201 });
});
