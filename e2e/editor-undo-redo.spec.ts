import { expect, test } from "@playwright/test";
import { createFlow, expectSaved, node, nodeIds, selectNode } from "./editor-helpers";

test("a deletion is undone and redone, edges included, and the result is what gets saved", async ({ page }) => {
  await createFlow(page, `Undo ${Date.now()}`, "appointment-booking");
  await expect(node(page, "greet")).toBeVisible();
  const edgeCount = await page.locator(".react-flow__edge").count();

  await selectNode(page, "greet");
  await page.keyboard.press("Delete");
  await expect(node(page, "greet")).toHaveCount(0);
  await expect(page.locator(".react-flow__edge")).toHaveCount(edgeCount - 2);
  await expect(node(page, "ask")).toHaveAttribute("data-issue", "error");

  await page.keyboard.press("ControlOrMeta+z");
  await expect(node(page, "greet")).toBeVisible();
  await expect(page.locator(".react-flow__edge")).toHaveCount(edgeCount);
  await expect(page.getByTestId("issues-panel")).toHaveAttribute("data-errors", "0");

  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(node(page, "greet")).toHaveCount(0);
  await expect(page.locator(".react-flow__edge")).toHaveCount(edgeCount - 2);

  // The toolbar buttons do the same.
  await page.getByTestId("undo").click();
  await expect(node(page, "greet")).toBeVisible();

  await expectSaved(page);
  await page.reload();
  await expect(node(page, "greet")).toBeVisible();
  expect(await nodeIds(page)).toContain("greet");
  await expect(page.locator(".react-flow__edge")).toHaveCount(edgeCount);
});

test("copy, paste and duplicate add new nodes that undo removes", async ({ page }) => {
  await createFlow(page, `Clipboard ${Date.now()}`, "appointment-booking");
  await expect(node(page, "greet")).toBeVisible();
  const count = (await nodeIds(page)).length;
  await selectNode(page, "greet");
  await page.keyboard.press("ControlOrMeta+c");
  await page.keyboard.press("ControlOrMeta+v");
  await expect.poll(async () => (await nodeIds(page)).length).toBe(count + 1);
  await page.keyboard.press("ControlOrMeta+d");
  await expect.poll(async () => (await nodeIds(page)).length).toBe(count + 2);
  await page.keyboard.press("ControlOrMeta+z");
  await page.keyboard.press("ControlOrMeta+z");
  await expect.poll(async () => (await nodeIds(page)).length).toBe(count);
});
