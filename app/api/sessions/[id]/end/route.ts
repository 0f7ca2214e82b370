import { ApiError, notFound } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { endSessionBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";
import { endSessionAsOperator } from "@/lib/server/operator-end";
import { sessionControl } from "@/lib/server/session-control";

/** Ends a live session through the End path with reason `operator` (docs/protocol.md, the End contract). */
export const POST = apiRoute<{ id: string }>(async (request, { user, db, params }) => {
  const body = await readBody(request, endSessionBody);
  const outcome = await endSessionAsOperator(db, sessionControl(), user, params.id, body?.goodbye);
  switch (outcome.kind) {
    case "ended":
      return Response.json({ ended: true }, { status: 202 });
    case "not_found":
      throw notFound("That session");
    case "gone":
      throw new ApiError(409, "session_ended", "That session has already ended");
    case "unreachable":
      throw new ApiError(503, "runtime_unreachable", outcome.message);
  }
});
