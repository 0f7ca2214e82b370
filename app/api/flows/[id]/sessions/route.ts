import { signingSecret } from "@/lib/auth/secret";
import { issueSessionToken } from "@/lib/auth/session-token";
import { getFlow, getFlowVersion } from "@/lib/flows/flow-repository";
import { requireRunnableGraph } from "@/lib/flows/flow-validation";
import { notFound } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { startSessionBody } from "@/lib/http/flow-bodies";
import { readBody } from "@/lib/http/request-body";

/** A short-lived token for the Socket.IO handshake (docs/protocol.md), once the flow is known to run. */
export const POST = apiRoute<{ id: string }>(async (request, { user, db, params }) => {
  const versionId = (await readBody(request, startSessionBody))?.versionId;
  const runs = versionId === undefined ? await getFlow(db, user.id, params.id) : await getFlowVersion(db, user.id, params.id, versionId);
  if (!runs) throw notFound(versionId === undefined ? "That flow" : "That version");
  // The runtime refuses an invalid flow at the handshake; saying so here gives the editor the addressed issues.
  requireRunnableGraph(runs.graph);
  const { token, expiresAt, sessionId } = issueSessionToken(
    versionId === undefined ? { sub: user.id, flowId: params.id } : { sub: user.id, flowId: params.id, versionId },
    signingSecret(),
  );
  return Response.json({ token, expiresAt, sessionId }, { status: 201 });
});
