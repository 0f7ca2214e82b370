import { describe, expect, it } from "vitest";
import { flowTemplates } from "@/lib/flow/samples";
import { graphToCanvas } from "./graph-convert";
import { drawNodes } from "./minimap-drawing";

describe("minimap drawing", () => {
  const { nodes } = graphToCanvas(flowTemplates[0]!.graph());

  it("draws every node once, in one path per kind present, in the palette's order", () => {
    const drawing = drawNodes(nodes);
    const kinds = [...new Set(nodes.map((node) => node.type))];
    expect(drawing.paths.map((path) => path.kind).sort()).toEqual([...kinds].sort());
    const rectangles = drawing.paths.reduce((count, path) => count + (path.d.match(/z/g)?.length ?? 0), 0);
    expect(rectangles).toBe(nodes.length);
    for (const path of drawing.paths) {
      expect(path.d.match(/z/g)?.length).toBe(nodes.filter((node) => node.type === path.kind).length);
    }
  });

  it("uses measured sizes and bounds every node", () => {
    const [first, second] = nodes;
    if (!first || !second) throw new Error("the sample has at least two nodes");
    const placed = [
      { ...first, position: { x: -100, y: 40 }, measured: { width: 192, height: 80 } },
      { ...second, position: { x: 300, y: -20 }, measured: { width: 192, height: 120 } },
    ];
    const drawing = drawNodes(placed);
    expect(drawing.bounds).toEqual({ x: -100, y: -20, width: 592, height: 140 });
    expect(drawing.paths.map((path) => path.d).join("")).toContain("M-100 40h192v80h-192z");
  });

  it("outlines the selected nodes and has no bounds without nodes", () => {
    const selected = nodes.map((node, index) => ({ ...node, selected: index === 0 }));
    expect(drawNodes(selected).selected.match(/z/g)).toHaveLength(1);
    expect(drawNodes([])).toEqual({ paths: [], selected: "", bounds: null });
  });
});
