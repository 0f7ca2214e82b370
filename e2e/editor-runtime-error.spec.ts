import { expect, test } from "@playwright/test";
import { createFlow, node, nodeIds, selectNode, waitForStillCanvas } from "./editor-helpers";

test("a runtime error is shown on the node that failed", async ({ page }) => {
  await createFlow(page, `Runtime error ${Date.now()}`);
  // Add nodes from the keyboard: each goes beside the selected node and is wired from it.
  await selectNode(page, "start");
  for (const key of ["v", "e"]) await page.keyboard.press(key);
  await expect.poll(async () => (await nodeIds(page)).length).toBe(3);
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  const kindOf = async (kind: string) =>
    (await page.locator(`[data-kind="${kind}"]`).getAttribute("data-testid"))?.replace(/^node-/, "") ?? "";
  const [start, set, end] = [await kindOf("start"), await kindOf("set"), await kindOf("end")];

  // The layout reads left to right.
  await page.getByTestId("auto-layout").click();
  await expect
    .poll(async () => {
      const boxes = await Promise.all([start, set, end].map((id) => node(page, id).boundingBox()));
      const xs = boxes.map((box) => box?.x ?? Number.NaN);
      return xs[0]! < xs[1]! && xs[1]! < xs[2]!;
    })
    .toBe(true);
  await waitForStillCanvas(page);

  await selectNode(page, set);
  await page.getByTestId("assignment-source-0").selectOption("expression");
  await page.getByTestId("assignment-expression-0").fill("missing_var + 1");
  await expect(page.getByTestId("issues-panel")).toHaveAttribute("data-errors", "0");
  // Nothing sets missing_var: a warning says so before the call fails on it.
  await expect(page.getByTestId("assignment-errors-0")).toContainText("“missing_var” is unknown here");

  await page.getByTestId("test-button").click();
  await expect(node(page, set).getByTestId("node-error")).toContainText("Unknown variable");
  await expect(node(page, set)).toHaveAttribute("data-status", "failed");
  await expect(page.getByTestId("trace-event").filter({ hasText: "Set value failed:" })).toBeVisible();
  await expect(page.getByTestId("ended-banner")).toContainText("The flow stopped because of an error.");

  // Restart begins a fresh session, and the failure shows again.
  await page.getByTestId("restart-session").click();
  await expect(node(page, set).getByTestId("node-error")).toContainText("Unknown variable");
});
