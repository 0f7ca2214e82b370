import { notFound } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/api-route";
import { sharedFlowPath } from "@/lib/flows/share-link-path";
import { createShareLink, listShareLinks } from "@/lib/flows/share-links";

/** The flow's share links that still open it (owners and editors); their secrets are never shown again. */
export const GET = apiRoute<{ id: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId } = await authorize("edit", { flowId: params.id });
  return Response.json({ links: await listShareLinks(db, workspaceId, params.id) });
});

/** Makes a read-only share link (owners and editors); the answer holds its path (`/shared/{secret}`), once. */
export const POST = apiRoute<{ id: string }>(async (_request, { user, db, params, authorize }) => {
  const { workspaceId } = await authorize("edit", { flowId: params.id });
  const made = await createShareLink(db, { workspaceId, flowId: params.id, createdById: user.id });
  if (!made) throw notFound();
  return Response.json({ link: made.link, path: sharedFlowPath(made.token) }, { status: 201 });
});
