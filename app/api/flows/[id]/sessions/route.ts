import { grantSessionToken } from "@/lib/http/session-grant";
import { apiRoute } from "@/lib/http/api-route";
import { startSessionBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

/** A short-lived token for the Socket.IO handshake (docs/protocol.md), once the flow is known to run. */
export const POST = apiRoute<{ id: string }>(async (request, { user, db, params, authorize }) => {
  const versionId = (await readBody(request, startSessionBody))?.versionId;
  const grant = await authorize("test", { flowId: params.id });
  const { token, expiresAt, sessionId } = await grantSessionToken(db, user.id, grant.workspaceId, params.id, versionId);
  return Response.json({ token, expiresAt, sessionId }, { status: 201 });
});
