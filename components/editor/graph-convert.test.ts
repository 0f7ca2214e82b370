import { describe, expect, it } from "vitest";
import { flowGraphSchema, validateFlowGraph } from "@/lib/flow";
import { flowTemplates } from "@/lib/flow/samples";
import { canvasToGraph, graphToCanvas } from "./graph-convert";

describe("graph ⇄ canvas converters", () => {
  for (const template of flowTemplates) {
    it(`round-trips the ${template.id} sample unchanged`, () => {
      const graph = template.graph();
      const { nodes, edges } = graphToCanvas(graph);
      const back = canvasToGraph(nodes, edges);
      expect(back).toEqual(graph);
      expect(flowGraphSchema.safeParse(back).success).toBe(true);
      expect(validateFlowGraph(back).ok).toBe(true);
    });
  }

  it("drops view state (selection, measurements) when storing", () => {
    const graph = flowTemplates[0]!.graph();
    const { nodes, edges } = graphToCanvas(graph);
    const viewed = nodes.map((node) => ({ ...node, selected: true, measured: { width: 10, height: 20 }, dragging: false }));
    const back = canvasToGraph(
      viewed,
      edges.map((edge) => ({ ...edge, selected: true })),
    );
    expect(back).toEqual(graph);
  });

  it("keeps ports as React Flow handles", () => {
    const graph = flowTemplates[0]!.graph();
    const { edges } = graphToCanvas(graph);
    const edge = edges.find((candidate) => candidate.id === "e-book");
    expect(edge?.sourceHandle).toBe("book");
    expect(edge?.type).toBe("flow");
  });
});
