import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { toPointer } from "./issues";
import { flowDocumentSchema, type FlowGraph } from "./schema";
import { unstorableTextReason } from "./text";
import { validateFlowGraph } from "./validate";

const NUL = "a\u0000b";
const LONE_SURROGATE = "a\ud800b";

/** A graph that sets every string field the schema has, optional ones included. */
function everyTextField(): FlowGraph {
  return {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, data: { label: "Start here" } },
      { id: "hello", kind: "say", position: { x: 0, y: 0 }, data: { label: "Greeting", text: "Hello {{name}}" } },
      { id: "hear", kind: "listen", position: { x: 0, y: 0 }, data: { label: "Ear", timeoutSeconds: 5, variable: "answer" } },
      {
        id: "choose",
        kind: "branch",
        position: { x: 0, y: 0 },
        data: {
          label: "Fork",
          conditions: [
            { id: "yes", label: "Yes", match: { type: "phrases", phrases: ["yes", "sure"] } },
            { id: "digits", match: { type: "regex", pattern: "\\d+", flags: "i" } },
            { id: "long", match: { type: "expression", expression: "size(utterance) > 3" } },
          ],
        },
      },
      {
        id: "remember",
        kind: "set",
        position: { x: 0, y: 0 },
        data: {
          label: "Keep",
          assignments: [
            { variable: "name", source: { type: "expression", expression: "'Ada'" } },
            { variable: "said", source: { type: "utterance" } },
          ],
        },
      },
      { id: "bye", kind: "end", position: { x: 0, y: 0 }, data: { label: "Done", goodbye: "Bye {{name}}", reason: "completed" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "hello" },
      { id: "e2", source: "hello", sourcePort: "next", target: "hear" },
      { id: "e3", source: "hear", sourcePort: "heard", target: "choose" },
      { id: "e4", source: "choose", sourcePort: "yes", target: "remember" },
      { id: "e5", source: "choose", sourcePort: "digits", target: "bye" },
      { id: "e6", source: "choose", sourcePort: "long", target: "bye" },
      { id: "e7", source: "choose", sourcePort: "else", target: "bye" },
      { id: "e8", source: "hear", sourcePort: "timeout", target: "bye" },
      { id: "e9", source: "remember", sourcePort: "next", target: "bye" },
    ],
  };
}

/** Every string leaf of a JSON value with its path, except the discriminators that pick a schema (`kind`, `type`). */
function stringLeaves(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === "string") return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, [...path, index]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => (key === "kind" || key === "type" ? [] : stringLeaves(item, [...path, key])));
  }
  return [];
}

function withLeaf(graph: FlowGraph, path: ReadonlyArray<string | number>, suffix: string): unknown {
  const copy: unknown = structuredClone(graph);
  let holder: unknown = copy;
  for (const segment of path.slice(0, -1)) holder = Reflect.get(holder as object, segment);
  const last = path.at(-1);
  if (last === undefined || typeof holder !== "object" || holder === null) throw new Error("bad path");
  Reflect.set(holder, last, `${String(Reflect.get(holder, last))}${suffix}`);
  return copy;
}

/** Every string schema reachable from a schema, with where it sits; fails on a wrapper it does not know. */
function stringSchemas(schema: z.core.$ZodType, where: string): Array<{ where: string; schema: z.core.$ZodType }> {
  const def = schema._zod.def;
  switch (def.type) {
    case "string":
      return [{ where, schema }];
    case "object": {
      const { shape } = def as z.core.$ZodObjectDef;
      return Object.entries(shape).flatMap(([key, inner]) => stringSchemas(inner, `${where}.${key}`));
    }
    case "array":
      return stringSchemas((def as z.core.$ZodArrayDef).element, `${where}[]`);
    case "union":
      return (def as z.core.$ZodUnionDef).options.flatMap((option, index) => stringSchemas(option, `${where}|${index}`));
    case "optional":
      return stringSchemas((def as z.core.$ZodOptionalDef).innerType, where);
    case "number":
    case "boolean":
    case "literal":
      return [];
    default:
      throw new Error(`stringSchemas does not know ${def.type} (at ${where}): teach it, so new text fields stay checked`);
  }
}

describe("text in a flow document", () => {
  it("explains what is wrong and where", () => {
    expect(unstorableTextReason("fine, even emoji 🎉")).toBeUndefined();
    expect(unstorableTextReason(NUL)).toBe("Remove the NUL character (U+0000) at position 2: text cannot contain it");
    expect(unstorableTextReason("🎉\udc00")).toBe("Remove the unpaired surrogate (U+DC00) at position 2: text must be well-formed Unicode");
  });

  it("is refused by every string field of the schema, so a new field cannot forget it", () => {
    const fields = stringSchemas(flowDocumentSchema, "document");
    expect(fields.length).toBeGreaterThan(15);
    for (const { where, schema } of fields) {
      for (const bad of [NUL, LONE_SURROGATE]) {
        expect(schema["~standard"].validate(bad), `${where} accepted ${JSON.stringify(bad)}`).toMatchObject({ issues: expect.any(Array) });
      }
    }
  });

  it("is reported at the pointer of the very field, wherever it is in the graph", () => {
    const graph = everyTextField();
    const valid = validateFlowGraph(graph);
    expect(valid.ok, JSON.stringify(valid)).toBe(true);
    const leaves = stringLeaves(graph);
    expect(leaves.length).toBeGreaterThan(30);
    for (const path of leaves) {
      for (const bad of ["\u0000", "\ud800"]) {
        const result = validateFlowGraph(withLeaf(graph, path, bad));
        const pointers = result.ok ? [] : result.issues.map((issue) => issue.pointer);
        expect(pointers, `${toPointer(path)} with ${JSON.stringify(bad)}`).toContain(toPointer(path));
      }
    }
  });
});
