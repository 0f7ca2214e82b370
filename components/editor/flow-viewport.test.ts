import { describe, expect, it } from "vitest";
import { READABLE_ZOOM, viewportForFlow } from "./flow-viewport";

describe("how a flow is shown", () => {
  it("fits a flow that fits at a readable zoom", () => {
    const view = viewportForFlow({ x: 0, y: 0, width: 600, height: 300 }, null, 900, 700);
    expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
  });

  it("shows a flow a little too big at the readable zoom, its left edge and Start in view", () => {
    const bounds = { x: 0, y: -230, width: 1600, height: 1400 };
    const view = viewportForFlow(bounds, { x: 96, y: 75 }, 900, 700);
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(view.x).toBeGreaterThan(0);
    expect(view.x).toBeLessThan(50);
    // The Start is on screen, and no empty space shows above the flow.
    const startY = 75 * view.zoom + view.y;
    expect(startY).toBeGreaterThan(0);
    expect(startY).toBeLessThan(700);
    // (Beyond the padding, only the room kept for back edges' lanes.)
    expect(-230 * view.zoom + view.y).toBeLessThanOrEqual(700 * 0.02 + 28 * view.zoom + 0.001);
  });

  it("puts a flow just begun at the left, with room to grow", () => {
    const view = viewportForFlow({ x: 0, y: 0, width: 192, height: 90 }, { x: 96, y: 45 }, 900, 700);
    expect(view.x).toBeLessThan(60);
    expect(view.zoom).toBe(1.1);
  });

  it("shows a flow far too big as an overview", () => {
    const view = viewportForFlow({ x: 0, y: 0, width: 6000, height: 2500 }, null, 900, 700);
    expect(view.zoom).toBeLessThan(READABLE_ZOOM / 3);
  });
});
