import { expect, test } from "@playwright/test";
import { expectSaved, node, nodeIds, openNewFlow, selectNode } from "./editor-helpers";

test("Ctrl+Z in a field undoes the typing there, not a step of the canvas", async ({ page }) => {
  await openNewFlow(page, `Field undo ${Date.now()}`, "appointment-booking");
  // A canvas step first: a node added from the keyboard.
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("y");
  await expect.poll(async () => (await nodeIds(page)).length).toBe(13);

  await selectNode(page, "greet");
  const text = page.getByTestId("field-text");
  const original = await text.inputValue();
  await text.fill("Replaced greeting");
  await expect(node(page, "greet")).toContainText("Replaced greeting");
  await text.press("ControlOrMeta+z");
  await expect(text).toHaveValue(original);
  await expect(node(page, "greet")).toContainText(original);
  // The canvas step is untouched: the added node is still there.
  expect((await nodeIds(page)).length).toBe(13);
  // Redo in the field too.
  await text.press("ControlOrMeta+Shift+z");
  await expect(text).toHaveValue("Replaced greeting");
  expect((await nodeIds(page)).length).toBe(13);

  // The same key outside a field is the canvas's undo.
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("ControlOrMeta+z");
  await expect(node(page, "greet")).toContainText(original);
  await expectSaved(page);
});
