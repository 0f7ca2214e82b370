import { grantSessionToken } from "@/lib/http/session-grant";
import { apiRoute } from "@/lib/http/api-route";
import { startLiveKitCallBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";
import { liveKitCallResponse } from "@/lib/server/livekit-call-response";
import { sessionControl } from "@/lib/server/session-control";

/** A test call in a new LiveKit room: the runtime joins it, the caller gets a token for it (docs/api.md). */
export const POST = apiRoute<{ id: string }>(async (request, { user, db, params, authorize }) => {
  const body = await readBody(request, startLiveKitCallBody);
  const grant = await authorize("test", { flowId: params.id });
  const { token } = await grantSessionToken(db, user.id, grant.workspaceId, params.id, body?.versionId);
  return liveKitCallResponse(await sessionControl()?.startLiveKitCall(token, { trace: body?.trace === true }));
});
