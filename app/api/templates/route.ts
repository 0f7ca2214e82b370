import { flowTemplates } from "@/lib/flow/samples";
import { apiRoute } from "@/lib/http/api-route";

export const GET = apiRoute(async () =>
  Response.json({ templates: flowTemplates.map(({ id, name, description }) => ({ id, name, description })) }),
);
