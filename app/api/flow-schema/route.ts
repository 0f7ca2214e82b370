import { flowJsonSchema } from "@/lib/flow/json-schema";

/** The flow file format as a JSON Schema (docs/flow-format.md); public, like the docs it belongs to. */
export const GET = async () => Response.json(flowJsonSchema(), { headers: { "content-type": "application/schema+json; charset=utf-8" } });
