import { expect, test } from "@playwright/test";
import { OWNER } from "./support/owner";
import { createFlow, expectSaved } from "./editor-helpers";

test("the flow's History says who created, edited and renamed it, newest first, and closes with Escape", async ({ page }) => {
  const name = `Told ${Date.now()}`;
  await createFlow(page, name, "appointment-booking");
  // Two edits in a row are one line: a Say added, then the flow renamed.
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("y");
  await expectSaved(page);
  await page.getByTestId("flow-name").fill(`${name} again`);
  await page.getByTestId("flow-name").press("Enter");
  await expectSaved(page);

  await page.getByTestId("history-button").click();
  const lines = page.getByTestId("history-panel").getByTestId("history-line");
  await expect(lines.first()).toContainText(`${OWNER.name} renamed it from “${name}” to “${name} again”`);
  await expect(lines.last()).toContainText(`${OWNER.name} created it from a template`);
  await expect(page.getByTestId("history-panel")).toContainText(`${OWNER.name} edited it`);
  await expect(lines.first()).toContainText("just now");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("history-panel")).toHaveCount(0);
});
