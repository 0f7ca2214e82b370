import { expect, test, type Page } from "@playwright/test";
import { generateBenchGraph } from "../bench/editor-graph";

/** The screen position of the start of an edge's path. */
async function edgeStart(page: Page, edgeId: string): Promise<{ x: number; y: number }> {
  return page.locator(`.react-flow__edge-path[id="${edgeId}"]`).evaluate((element) => {
    const path = element as SVGPathElement;
    const point = path.getPointAtLength(0);
    const matrix = path.getScreenCTM();
    if (!matrix) throw new Error("the edge is not rendered");
    return { x: point.x * matrix.a + point.y * matrix.c + matrix.e, y: point.x * matrix.b + point.y * matrix.d + matrix.f };
  });
}

test("a large flow opens as an overview: ports still anchor edges, the minimap pans, and zooming in brings live ports back", async ({
  page,
}) => {
  const created = await page.request.post("/api/flows", { data: { name: "Overview", graph: generateBenchGraph(300) } });
  expect(created.ok()).toBe(true);
  const { flow } = (await created.json()) as { flow: { id: string } };
  await page.goto(`/flows/${flow.id}`);
  const canvas = page.getByTestId("canvas");
  await expect(page.locator(".react-flow__node")).toHaveCount(generateBenchGraph(300).nodes.length);
  // Fitted to 300 nodes, the view is below the detail zoom: nodes are drawn without text.
  await expect(canvas).toHaveClass(/sb-compact/);

  // Zoomed out, ports are static markers, yet edges still start at them: React Flow measured them.
  const handle = await page.locator('.react-flow__handle.source[data-nodeid="listen-3"][data-handleid="timeout"]').boundingBox();
  if (!handle) throw new Error("the timeout port of listen-3 has no box");
  const start = await edgeStart(page, "e-timeout-3");
  expect(Math.abs(start.x - (handle.x + handle.width / 2))).toBeLessThan(2);
  expect(Math.abs(start.y - (handle.y + handle.height / 2))).toBeLessThan(2);

  // The minimap draws the flow with one path per node kind, and dragging in it pans the canvas.
  const minimap = page.getByTestId("minimap");
  await expect(minimap).toBeVisible();
  await expect(minimap.locator("path[fill]")).toHaveCount(new Set(generateBenchGraph(300).nodes.map((node) => node.kind)).size);
  const viewport = page.locator(".react-flow__viewport");
  const before = await viewport.getAttribute("style");
  const box = await minimap.locator("svg").boundingBox();
  if (!box) throw new Error("the minimap has no box");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => viewport.getAttribute("style")).not.toBe(before);

  // Zoomed in past the detail level, text is back and a port starts a connection again.
  const zoomIn = page.getByRole("button", { name: "Zoom In" });
  await expect(async () => {
    await zoomIn.click();
    await expect(canvas).not.toHaveClass(/sb-compact/, { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  // A port on screen that nothing covers.
  const port = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow__pane")?.getBoundingClientRect();
    if (!pane) return null;
    for (const element of document.querySelectorAll(".react-flow__handle.source")) {
      const box = element.getBoundingClientRect();
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      const inside = x > pane.left + 100 && x < pane.right - 300 && y > pane.top + 100 && y < pane.bottom - 200;
      if (inside && document.elementFromPoint(x, y) === element) return { x: box.x, y: box.y, width: box.width, height: box.height };
    }
    return null;
  });
  if (!port) throw new Error("no port on screen");
  await page.mouse.move(port.x + port.width / 2, port.y + port.height / 2);
  await page.mouse.down();
  await page.mouse.move(port.x + 80, port.y + 60, { steps: 5 });
  await expect(page.locator(".react-flow__connectionline")).toBeVisible();
  await page.mouse.up();
  await expect(page.locator(".react-flow__connectionline")).toHaveCount(0);
});
