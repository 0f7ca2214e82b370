import { importFlow } from "@/lib/flows/flow-documents";
import { validationReport } from "@/lib/flows/flow-validation";
import { apiRoute } from "@/lib/http/api-route";
import { readJson } from "@/lib/http/request-body";

export const POST = apiRoute(async (request, { user, db }) => {
  const flow = await importFlow(db, user.id, await readJson(request));
  return Response.json({ flow, validation: validationReport(flow.graph) }, { status: 201 });
});
