import { describe, expect, it } from "vitest";
import { compileFlow, InvalidFlowError } from "../runtime/compile-flow";
import { blankFlowGraph, flowTemplates } from "./samples";
import { draftGraphSchema, type FlowGraph } from "./schema";
import { validateFlowGraph } from "./validate";

function sample(): FlowGraph {
  return flowTemplates[0]!.graph();
}

/** The sample with a Listen variable named `my var!` and a regex condition with the flag `g`. */
function withBrokenFields(): FlowGraph {
  const graph = sample();
  const listen = graph.nodes.find((node) => node.id === "ask");
  const branch = graph.nodes.find((node) => node.id === "intent");
  if (listen?.kind !== "listen" || branch?.kind !== "branch") throw new Error("the sample changed");
  listen.data.variable = "my var!";
  branch.data.conditions[0] = { id: "book", match: { type: "regex", pattern: "book", flags: "g" } };
  return graph;
}

describe("field rules", () => {
  it("let a draft with broken fields be stored: the shapes are right", () => {
    expect(draftGraphSchema.safeParse(withBrokenFields()).success).toBe(true);
  });

  it("report each broken field on its node and field, beside the graph's other problems", () => {
    const graph = withBrokenFields();
    graph.nodes.push({ id: "island", kind: "say", position: { x: 0, y: 0 }, data: { text: "nobody hears me" } });
    const result = validateFlowGraph(graph);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.issues.map(({ code, nodeId, pointer }) => ({ code, nodeId, pointer }));
    expect(found).toContainEqual({ code: "field.invalid_format", nodeId: "ask", pointer: "/nodes/2/data/variable" });
    expect(found).toContainEqual({ code: "field.invalid_format", nodeId: "intent", pointer: "/nodes/3/data/conditions/0/match/flags" });
    // The graph checks still run: nothing else drops out of the list because one field is wrong.
    expect(found).toContainEqual(expect.objectContaining({ code: "node.unreachable", nodeId: "island" }));
    expect(result.issues.find((issue) => issue.nodeId === "ask")?.message).toMatch(/letters, digits and _/);
  });

  it("keep the runtime from starting a flow that breaks one", () => {
    expect(() => compileFlow(withBrokenFields())).toThrow(InvalidFlowError);
    expect(() => compileFlow(sample())).not.toThrow();
  });

  it("still refuse what is not a flow graph at all, and only that", () => {
    const graph = withBrokenFields() as unknown as { nodes: Array<{ data: Record<string, unknown> }> }; // deliberately malformed
    graph.nodes[1]!.data.text = 42;
    const result = validateFlowGraph(graph);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.code)).toEqual(["schema.invalid_type"]);
  });
});

describe("a flow that is only its Start node", () => {
  it("gets one hint on no node, not a list of errors", () => {
    const result = validateFlowGraph(blankFlowGraph());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.code, issue.nodeId])).toEqual([["flow.empty", undefined]]);
  });
});
