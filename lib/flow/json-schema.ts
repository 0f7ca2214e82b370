import { z } from "zod";
import { flowDocumentSchema } from "./schema";

/** Where the schema is published (GET /api/flow-schema) and checked in (docs/flow.schema.json). */
export const FLOW_JSON_SCHEMA_ID = "https://switchboard.dev/schemas/flow.schema.json";

/**
 * The flow file format (`FlowDocument`, what export writes and import reads) as a JSON Schema, generated from the zod
 * model so it cannot drift from it. It states the runnable model: every field rule included. The editor also saves and
 * imports drafts that break field rules (they show as problems), but a flow meant to run must match this.
 */
export function flowJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(flowDocumentSchema, { target: "draft-2020-12", io: "input", unrepresentable: "throw" });
  return {
    ...generated,
    $id: FLOW_JSON_SCHEMA_ID,
    title: "Switchboard flow",
    description:
      "A Switchboard flow file: a graph of nodes (start, listen, branch, say, set, end) and the edges between their ports. See docs/flow-format.md.",
  };
}
