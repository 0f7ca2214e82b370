import { describe, expect, it } from "vitest";
import type { CanvasEdge, CanvasNode } from "./canvas-types";
import { freePosition, NEW_NODE_SIZE, placeNewNode } from "./placement";

const measured = { width: 192, height: 100 };
const say = (id: string, x: number, y: number, selected = false): CanvasNode => ({
  id,
  type: "say",
  position: { x, y },
  data: { text: "hi" },
  measured,
  selected,
});
const start = (x: number, y: number, selected = false): CanvasNode => ({
  id: "start",
  type: "start",
  position: { x, y },
  data: {},
  measured,
  selected,
});
const edge = (source: string, target: string, sourceHandle = "next"): CanvasEdge => ({
  id: `${source}-${target}`,
  type: "flow",
  source,
  sourceHandle,
  target,
});

function overlapping(a: { x: number; y: number }, b: CanvasNode): boolean {
  return (
    a.x < b.position.x + 192 &&
    b.position.x < a.x + NEW_NODE_SIZE.width &&
    a.y < b.position.y + 100 &&
    b.position.y < a.y + NEW_NODE_SIZE.height
  );
}

describe("placing a node added from the keyboard", () => {
  it("takes the preferred place when it is free, and the nearest free one when it is not", () => {
    expect(freePosition({ x: 0, y: 0 }, [], [])).toEqual({ x: 0, y: 0 });
    const nodes = [say("a", 0, 0)];
    const placed = freePosition({ x: 10, y: 10 }, nodes, []);
    expect(overlapping(placed, nodes[0]!)).toBe(false);
  });

  it("keeps off edges as well as nodes", () => {
    const nodes = [say("a", 0, 0), say("b", 800, 0)];
    const edges = [edge("a", "b")];
    const placed = freePosition({ x: 400, y: -5 }, nodes, edges);
    // The edge runs along y = 50 from x = 192 to 800: the new node must not straddle it.
    expect(placed.y > 50 || placed.y + NEW_NODE_SIZE.height < 50).toBe(true);
  });

  it("goes right of the selected node, wired from its one free output", () => {
    const placement = placeNewNode("say", [start(0, 0, true)], [], { x: 500, y: 500 });
    expect(placement.from).toEqual({ source: "start", sourceHandle: "next" });
    expect(placement.position.x).toBeGreaterThan(192);
    expect(placement.position.y).toBe(0);
  });

  it("keeps a node that follows another to its right, even when the right is crowded", () => {
    const crowd = [say("a", 272, 0), say("b", 272, -140), say("c", 272, 140), say("d", 520, 0)];
    const placement = placeNewNode("say", [start(0, 0, true), ...crowd], [], { x: 0, y: 0 });
    expect(placement.position.x).toBeGreaterThanOrEqual(272);
  });

  it("does not wire when that would be ambiguous or impossible", () => {
    const listen: CanvasNode = {
      id: "ask",
      type: "listen",
      position: { x: 0, y: 0 },
      data: { timeoutSeconds: 5 },
      measured,
      selected: true,
    };
    expect(placeNewNode("say", [listen], [], { x: 0, y: 0 }).from).toBeNull();
    expect(placeNewNode("say", [listen], [edge("ask", "x", "heard")], { x: 0, y: 0 }).from).toEqual({
      source: "ask",
      sourceHandle: "timeout",
    });
    expect(placeNewNode("start", [say("a", 0, 0, true)], [], { x: 0, y: 0 }).from).toBeNull();
    expect(placeNewNode("say", [say("a", 0, 0, true), say("b", 300, 0, true)], [], { x: 0, y: 0 }).from).toBeNull();
  });
});
