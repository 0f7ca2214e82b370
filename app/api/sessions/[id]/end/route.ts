import { ApiError, notFound } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { endSessionBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";
import { runtimeHost } from "@/lib/server/runtime-host";
import { getSession } from "@/lib/sessions/session-queries";

/** Ends a live session through the End path with reason `operator` (docs/protocol.md, the End contract). */
export const POST = apiRoute<{ id: string }>(async (request, { user, db, params }) => {
  const body = await readBody(request, endSessionBody);
  const stored = await getSession(db, user.id, params.id);
  if (stored?.session.status === "ended") throw new ApiError(409, "session_ended", "That session has already ended");
  // Only the owner may end it; a live session's row may still be on its way to the database, so ask the runtime too.
  if (stored === null && !ownsLiveSession(params.id, user.id)) throw notFound("That live session");
  const ended = (await runtimeHost()?.endSession(params.id, "operator", body?.goodbye ? { goodbye: body.goodbye } : {})) ?? false;
  if (!ended) throw notFound("That live session");
  return Response.json({ ended: true }, { status: 202 });
});

function ownsLiveSession(sessionId: string, userId: string): boolean {
  return runtimeHost()?.registry.get(sessionId)?.meta.userId === userId;
}
