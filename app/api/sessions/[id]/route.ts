import { notFound } from "@/lib/http/api-error";
import { sessionScope } from "@/lib/auth/access";
import { apiRoute } from "@/lib/http/api-route";
import { getSession } from "@/lib/sessions/session-queries";

export const GET = apiRoute<{ id: string }>(async (_request, { user, db, params }) => {
  const found = await getSession(db, await sessionScope(db, user, "read"), params.id);
  if (!found) throw notFound("That session");
  return Response.json(found);
});
