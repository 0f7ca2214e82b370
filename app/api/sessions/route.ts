import { sessionScope } from "@/lib/auth/access";
import { apiRoute } from "@/lib/http/api-route";
import { listSessions } from "@/lib/sessions/session-queries";

export const GET = apiRoute(async (request, { user, db }) => {
  const flowId = new URL(request.url).searchParams.get("flowId") ?? undefined;
  return Response.json({ sessions: await listSessions(db, await sessionScope(db, user, "read"), flowId ? { flowId } : {}) });
});
