import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { flowJsonSchema } from "./json-schema";
import { nodeKindNames } from "./nodes";
import { flowDocumentSchema } from "./schema";
import { validateFlowGraph } from "./validate";

const docs = path.join(import.meta.dirname, "..", "..", "docs");
const checkedIn = path.join(docs, "flow.schema.json");

describe("the published flow JSON Schema", () => {
  it("is the one the zod model generates (regenerate with npm run docs:flow-schema)", () => {
    expect(JSON.parse(readFileSync(checkedIn, "utf8"))).toEqual(flowJsonSchema());
  });

  it("describes every node kind and the field rules a runnable flow meets", () => {
    const text = JSON.stringify(flowJsonSchema());
    for (const kind of nodeKindNames) expect(text).toContain(`"title":"${kind} node"`);
    // A field rule (Listen's variable name) and a shape (an edge's port) are both stated.
    expect(text).toContain("^[A-Za-z_][A-Za-z0-9_]{0,63}$");
    expect(text).toContain('"sourcePort"');
  });
});

describe("docs/flow-format.md", () => {
  it("shows an example flow that is a runnable flow file", () => {
    const page = readFileSync(path.join(docs, "flow-format.md"), "utf8");
    const example = /## An example[\s\S]*?```json\n([\s\S]*?)\n```/.exec(page)?.[1];
    if (!example) throw new Error("the example is missing");
    const document = flowDocumentSchema.parse(JSON.parse(example));
    const result = validateFlowGraph(document.graph);
    expect(result.ok ? result.warnings : result.issues).toEqual([]);
  });
});
