import { describe, expect, it } from "vitest";
import { blankFlowGraph, flowTemplates } from "../flow/samples";
import type { FlowDocument } from "../flow/schema";
import { parseFlowDocument } from "./flow-documents";

function sampleDocument(): FlowDocument {
  return { format: "switchboard.flow", name: "Booking", graph: flowTemplates[0]!.graph() };
}

describe("parseFlowDocument", () => {
  it("accepts an exported flow", () => {
    const result = parseFlowDocument(sampleDocument());
    expect(result.ok).toBe(true);
  });

  it("accepts a draft with errors, and points a dangling edge at its place in the file", () => {
    const document = sampleDocument();
    const edge = document.graph.edges[2]!;
    document.graph.edges[2] = { ...edge, target: "nowhere" };
    const result = parseFlowDocument(document);
    expect(result.ok).toBe(true);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ severity: "error", code: "edge.dangling_target", pointer: "/graph/edges/2/target", edgeId: edge.id }),
    );
  });

  it("accepts whatever the editor exports: a blank flow, a broken field, an empty regular expression", () => {
    expect(parseFlowDocument({ format: "switchboard.flow", name: "Blank", graph: blankFlowGraph() }).ok).toBe(true);

    const document = sampleDocument();
    const index = document.graph.nodes.findIndex((node) => node.kind === "branch");
    const branch = document.graph.nodes[index];
    if (branch?.kind !== "branch") throw new Error("the sample has a branch node");
    const condition = branch.data.conditions[0]!;
    branch.data.conditions[0] = { ...condition, match: { type: "regex", pattern: "", flags: "g" } };
    const result = parseFlowDocument(document);
    expect(result.ok).toBe(true);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ pointer: `/graph/nodes/${index}/data/conditions/0/match/pattern`, nodeId: branch.id }),
    );
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: "field.invalid_format", pointer: `/graph/nodes/${index}/data/conditions/0/match/flags` }),
    );
  });

  it("addresses problems outside the graph and inside it together", () => {
    const result = parseFlowDocument({ format: "something.else", name: "", graph: { schemaVersion: 1, nodes: [{ id: "x" }], edges: [] } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const pointers = result.issues.map((issue) => issue.pointer);
    expect(pointers).toContain("/format");
    expect(pointers).toContain("/name");
    expect(pointers.some((pointer) => pointer.startsWith("/graph/nodes/0"))).toBe(true);
  });

  it("refuses something that is not a document at all", () => {
    for (const input of [null, "text", 42, [], {}]) {
      const result = parseFlowDocument(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
    }
  });
});
