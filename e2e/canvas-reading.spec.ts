import { expect, test, type Page } from "@playwright/test";
import { canvasZoom, node, openNewFlow } from "./editor-helpers";

/** The zoom at which the editor calls text readable (components/editor/flow-viewport.ts). */
const READABLE_ZOOM = 0.68;

async function insideCanvas(page: Page, nodeId: string): Promise<boolean> {
  const canvas = await page.getByTestId("canvas").boundingBox();
  const box = await node(page, nodeId).boundingBox();
  if (!canvas || !box) return false;
  return (
    box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height
  );
}

test.describe("at 1280×800", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("the template opens readable and whole, and Fit gives the same", async ({ page }) => {
    await openNewFlow(page, `Readable ${Date.now()}`, "appointment-booking");
    await expect.poll(() => canvasZoom(page)).toBeGreaterThanOrEqual(READABLE_ZOOM);
    await expect(page.getByTestId("canvas")).not.toHaveClass(/sb-compact/);
    for (const id of ["start", "greet", "reprompt", "declined", "done", "silent"]) expect(await insideCanvas(page, id)).toBe(true);
    // A text line on screen is at least 8 px tall.
    const line = await node(page, "greet")
      .locator("p")
      .first()
      .evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
    expect(line * (await canvasZoom(page))).toBeGreaterThanOrEqual(8);

    await page.getByRole("button", { name: "Zoom Out" }).click();
    await page.getByRole("button", { name: "Zoom Out" }).click();
    await page.getByTestId("fit-view").click();
    await expect.poll(() => canvasZoom(page)).toBeGreaterThanOrEqual(READABLE_ZOOM);
  });

  test("a loop edge is routed where it can be seen and selected", async ({ page }) => {
    await openNewFlow(page, `Loop ${Date.now()}`, "appointment-booking");
    // The Branch's else leads back up to the reprompt, which leads back to the Listen.
    const loop = page.locator('.react-flow__edge-path[id="e-else"]');
    await expect(loop).toBeVisible();
    const lane = await loop.evaluate((element) => {
      const path = element as SVGPathElement;
      const middle = path.getPointAtLength(path.getTotalLength() / 2);
      const matrix = path.getScreenCTM();
      if (!matrix) throw new Error("not rendered");
      return { x: middle.x * matrix.a + matrix.e, y: middle.y * matrix.d + matrix.f, length: path.getTotalLength() };
    });
    // A real route, not a stub: longer than the distance between the two ports would be for a curl behind the nodes.
    expect(lane.length).toBeGreaterThan(300);
    // Its middle is on open canvas, not behind a node.
    const hit = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest(".react-flow__node, .react-flow__edge")?.getAttribute("class") ?? "",
      lane,
    );
    expect(hit).toContain("react-flow__edge");
    await page.mouse.click(lane.x, lane.y);
    await expect(page.getByTestId("edge-e-else")).toHaveAttribute("data-selected", "true");
  });

  test("testing folds the panels it would squeeze, keeps the lit node in view, and the panels can be opened and resized", async ({
    page,
  }) => {
    await openNewFlow(page, `Panels ${Date.now()}`, "appointment-booking");
    await page.getByTestId("test-button").click();
    await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "running");
    await expect(page.getByTestId("side-panel")).toHaveAttribute("data-open", "false");
    await expect.poll(() => canvasZoom(page)).toBeGreaterThanOrEqual(READABLE_ZOOM);
    await expect.poll(() => insideCanvas(page, "ask")).toBe(true);

    // The booking path runs off to the lower rows: the view follows the lit node.
    await page.getByTestId("chat-input").fill("I'd like to book");
    await page.getByTestId("chat-input").press("Enter");
    await expect(node(page, "hear-name")).toHaveAttribute("data-status", "lit");
    await expect.poll(() => insideCanvas(page, "hear-name")).toBe(true);
    await page.getByTestId("chat-input").fill("Ada");
    await page.getByTestId("chat-input").press("Enter");
    await expect(node(page, "done")).toHaveAttribute("data-status", "visited");

    // The inspector and the Problems list are one click away while testing.
    await page.getByTestId("side-panel-toggle").click();
    await expect(page.getByTestId("side-panel")).toHaveAttribute("data-open", "true");
    await expect(page.getByTestId("issues-panel")).toBeVisible();
    await expect(page.getByTestId("test-panel")).toBeVisible();

    // Resized from the keyboard: the separator is a control of its own.
    const panel = page.getByTestId("test-panel");
    const before = (await panel.boundingBox())?.width ?? 0;
    await page.getByTestId("resize-test-panel").focus();
    // The handle is on the panel's left edge: moving it left widens the panel.
    for (let step = 0; step < 4; step += 1) await page.keyboard.press("ArrowLeft");
    await expect.poll(async () => (await panel.boundingBox())?.width ?? 0).toBeGreaterThan(before + 40);
    await page.getByTestId("side-panel-toggle").click();
    await expect(page.getByTestId("side-panel")).toHaveAttribute("data-open", "false");
  });
});

test.describe("at 1024×768", () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test("a test in progress keeps nodes labelled and the lit node in view", async ({ page }) => {
    await openNewFlow(page, `Small ${Date.now()}`, "appointment-booking");
    await page.getByTestId("test-button").click();
    await expect(node(page, "ask")).toHaveAttribute("data-status", "lit");
    await expect(page.getByTestId("canvas")).not.toHaveClass(/sb-compact/);
    await expect.poll(() => insideCanvas(page, "ask")).toBe(true);
    await expect(node(page, "ask")).toContainText("Listen");
  });
});
