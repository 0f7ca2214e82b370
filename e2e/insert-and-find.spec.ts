import { expect, test, type Page } from "@playwright/test";
import { expectSaved, node, nodeIds, openNewFlow, storedFlow } from "./editor-helpers";

/** The screen point in the middle of an edge's drawn path. */
async function edgeMiddle(page: Page, edgeId: string): Promise<{ x: number; y: number }> {
  return page.locator(`.react-flow__edge-path[id="${edgeId}"]`).evaluate((element) => {
    const path = element as SVGPathElement;
    const point = path.getPointAtLength(path.getTotalLength() / 2);
    const matrix = path.getScreenCTM();
    if (!matrix) throw new Error("not rendered");
    return { x: point.x * matrix.a + matrix.e, y: point.y * matrix.d + matrix.f };
  });
}

test("a node dropped from the palette onto an edge is inserted into it", async ({ page }) => {
  const flowId = await openNewFlow(page, `Insert ${Date.now()}`, "appointment-booking");
  const before = new Set(await nodeIds(page));
  // The edge from the greeting to the first Listen.
  const middle = await edgeMiddle(page, "e-greet");
  const pane = await page.locator(".react-flow__pane").boundingBox();
  if (!pane) throw new Error("no pane");
  await page.getByTestId("palette-say").dragTo(page.locator(".react-flow__pane"), {
    targetPosition: { x: middle.x - pane.x, y: middle.y - pane.y },
  });
  await expect.poll(async () => (await nodeIds(page)).length).toBe(before.size + 1);
  const added = (await nodeIds(page)).find((id) => !before.has(id)) ?? "";
  await expectSaved(page);
  const { graph } = await storedFlow(page, flowId);
  expect(graph.edges.some((edge) => edge.id === "e-greet")).toBe(false);
  expect(graph.edges).toContainEqual(expect.objectContaining({ source: "greet", sourcePort: "next", target: added }));
  expect(graph.edges).toContainEqual(expect.objectContaining({ source: added, sourcePort: "next", target: "ask" }));
});

test("a connection dragged into empty space offers the kinds, and adds the chosen one wired to the port", async ({ page }) => {
  const flowId = await openNewFlow(page, `Drag out ${Date.now()}`, "appointment-booking");
  // Free a port first: the Branch's "no thanks" leads to an End; remove that End.
  await node(page, "declined").click({ position: { x: 30, y: 10 } });
  await page.keyboard.press("Delete");
  await expect(node(page, "declined")).toHaveCount(0);
  const port = await page.locator('.react-flow__handle.source[data-nodeid="intent"][data-handleid="decline"]').boundingBox();
  if (!port) throw new Error("no port");
  const before = new Set(await nodeIds(page));
  await page.mouse.move(port.x + port.width / 2, port.y + port.height / 2);
  await page.mouse.down();
  await page.mouse.move(port.x + 120, port.y - 60, { steps: 8 });
  await page.mouse.up();
  const picker = page.getByTestId("kind-picker");
  await expect(picker).toBeVisible();
  await expect(picker.getByRole("button")).toHaveText(["Listen", "Branch", "Say", "Set", "End"]);
  await page.getByTestId("pick-end").click();
  await expect(picker).toHaveCount(0);
  await expect.poll(async () => (await nodeIds(page)).length).toBe(before.size + 1);
  const added = (await nodeIds(page)).find((id) => !before.has(id)) ?? "";
  await expectSaved(page);
  expect((await storedFlow(page, flowId)).graph.edges).toContainEqual(
    expect.objectContaining({ source: "intent", sourcePort: "decline", target: added }),
  );
  // From a port that is taken now, no picker: a second edge from it would be refused.
  await page.mouse.move(port.x + port.width / 2, port.y + port.height / 2);
  await page.mouse.down();
  await page.mouse.move(port.x + 60, port.y + 160, { steps: 8 });
  await page.mouse.up();
  await expect(picker).toHaveCount(0);
});

test("the find box finds nodes by their text and reveals the one chosen", async ({ page }) => {
  await openNewFlow(page, `Find ${Date.now()}`, "appointment-booking");
  await page.keyboard.press("ControlOrMeta+f");
  const search = page.getByTestId("node-search");
  await expect(search).toBeFocused();
  await search.fill("goodbye");
  const results = page.getByTestId("node-search-result");
  await expect(results).toHaveCount(2);
  await expect(results.first()).toContainText("End");
  await search.fill("what name");
  await expect(results).toHaveCount(1);
  await search.press("Enter");
  await expect(page.getByTestId("inspector")).toHaveAttribute("data-node-id", "ask-name");
  await expect(node(page, "ask-name")).toHaveAttribute("data-selected", "true");
  await expect(node(page, "ask-name")).toBeInViewport();
  await search.fill("no such words");
  await expect(page.getByTestId("node-search-results")).toContainText("No node matches");
});
