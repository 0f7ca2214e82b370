import { exportFlow } from "@/lib/flows/flow-documents";
import { apiRoute } from "@/lib/http/api-route";

export const GET = apiRoute<{ id: string }>(async (_request, { db, params, authorize }) => {
  const { workspaceId } = await authorize("read", { flowId: params.id });
  const document = await exportFlow(db, workspaceId, params.id);
  const fileName = `${document.name.replace(/[^A-Za-z0-9 ._-]+/g, "_").trim() || "flow"}.switchboard.json`;
  return new Response(JSON.stringify(document, null, 2) + "\n", {
    headers: {
      "content-type": "application/json; charset=utf-8",
      // The ASCII name for old clients, the exact one (RFC 5987) for the rest.
      "content-disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(`${document.name}.switchboard.json`)}`,
    },
  });
});
