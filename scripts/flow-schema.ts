/** Writes docs/flow.schema.json from the zod flow model (`npm run docs:flow-schema`); a test checks it is current. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { flowJsonSchema } from "../lib/flow/json-schema";

const FLOW_SCHEMA_FILE = path.join(import.meta.dirname, "..", "docs", "flow.schema.json");

writeFileSync(FLOW_SCHEMA_FILE, JSON.stringify(flowJsonSchema(), null, 2) + "\n");
console.log(`wrote ${path.relative(process.cwd(), FLOW_SCHEMA_FILE)}`);
