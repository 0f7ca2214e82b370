import { describe, expect, it } from "vitest";
import { backEdgeLane, backEdgePath, isBackEdge } from "./back-edge-route";

const box = (x: number, y: number, width = 192, height = 100) => ({ x, y, width, height });

describe("back edges", () => {
  it("are the edges whose target input is left of (or just right of) the source port", () => {
    expect(isBackEdge(692, 500)).toBe(true);
    expect(isBackEdge(692, 698)).toBe(true);
    // Columns 48 px apart: the next column's input is well right of the port, an ordinary curve.
    expect(isBackEdge(198, 234)).toBe(false);
  });

  it("run just above a target on a lower row, just below one on a higher row, and below both within a row", () => {
    expect(backEdgeLane(box(750, 0, 192, 130), box(0, 270))).toBe(246);
    expect(backEdgeLane(box(750, 0), box(250, -230))).toBe(-230 + 100 + 24);
    expect(backEdgeLane(box(750, 0, 192, 130), box(250, 20))).toBe(130 + 24);
  });

  it("leave right, turn through the lane and enter the target from the left", () => {
    const path = backEdgePath(942, 100, 250, 320, 246);
    expect(path.startsWith("M942,100")).toBe(true);
    expect(path.endsWith("L250,320")).toBe(true);
    expect(path).toContain("Q962,246");
    expect(path).toContain("Q230,246");
  });
});
