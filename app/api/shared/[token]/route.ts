import { validationReport } from "@/lib/flows/flow-validation";
import { apiRoute } from "@/lib/http/api-route";
import { openShareLink } from "@/lib/flows/share-links";

/**
 * The flow a share link opens, for anyone signed in who has its secret, read-only (`role: "viewer"`): its draft and
 * validation, and nothing else of its workspace. No membership is asked for: the secret is the grant.
 */
export const GET = apiRoute<{ token: string }>(async (_request, { db, params }) => {
  const flow = await openShareLink(db, params.token);
  return Response.json({ flow, validation: validationReport(flow.graph), role: "viewer" });
});
