import { expect, test, type Page } from "@playwright/test";
import { createFlow, node, nodeIds, selectNode } from "./editor-helpers";

async function boxes(page: Page) {
  return page.locator(".react-flow__node").evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { id: element.getAttribute("data-id") ?? "", x: box.x, y: box.y, right: box.right, bottom: box.bottom };
    }),
  );
}

test("nodes added from the keyboard go where there is room, and beside the selected node, wired to it", async ({ page }) => {
  await createFlow(page, `Keys ${Date.now()}`);
  // Nothing selected: each new node finds a free place; none lands on another.
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  for (const key of ["y", "y", "l", "b"]) {
    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press(key);
  }
  await expect.poll(async () => (await nodeIds(page)).length).toBe(5);
  const placed = await boxes(page);
  for (const [index, a] of placed.entries())
    for (const b of placed.slice(index + 1)) {
      const overlap = a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom;
      expect(overlap, `${a.id} and ${b.id} overlap`).toBe(false);
    }
  await expect(page.locator(".react-flow__edge")).toHaveCount(0);

  // Start selected: Say goes to its right and is wired from its one output.
  await selectNode(page, "start");
  const before = new Set(await nodeIds(page));
  await page.keyboard.press("y");
  await expect.poll(async () => (await nodeIds(page)).length).toBe(6);
  const added = (await nodeIds(page)).find((id) => !before.has(id)) ?? "";
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  const start = await node(page, "start").boundingBox();
  const say = await node(page, added).boundingBox();
  expect(say && start && say.x > start.x + start.width).toBe(true);
  // The new Say is selected, so the next key goes on from it.
  await page.keyboard.press("e");
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
});
