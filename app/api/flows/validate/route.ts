import { validationReport } from "@/lib/flows/flow-validation";
import { apiRoute } from "@/lib/http/api-route";
import { validateFlowBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

export const POST = apiRoute(async (request) => {
  const { graph } = await readBody(request, validateFlowBody);
  return Response.json({ validation: validationReport(graph) });
});
