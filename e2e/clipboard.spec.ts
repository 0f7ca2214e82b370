import { expect, test } from "@playwright/test";
import { expectSaved, node, nodeIds, openNewFlow, selectNode, storedFlow } from "./editor-helpers";

// Reading and writing the clipboard from a page (only the last check does) needs the permission a person would grant.
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("copy in one flow, paste in another: through the system clipboard, surviving navigation", async ({ page }) => {
  const from = await openNewFlow(page, `Copy from ${Date.now()}`, "appointment-booking");
  await selectNode(page, "greet");
  await page.keyboard.press("ControlOrMeta+c");

  const to = await openNewFlow(page, `Paste into ${Date.now()}`);
  expect(to).not.toBe(from);
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("ControlOrMeta+v");
  await expect.poll(async () => (await nodeIds(page)).length).toBe(2);
  const pasted = (await nodeIds(page)).find((id) => id !== "start") ?? "";
  await expect(node(page, pasted)).toContainText("Hi! You've reached Switchboard Clinic.");
  await expect(node(page, pasted)).toHaveAttribute("data-selected", "true");
  await expectSaved(page);
  const stored = (await storedFlow(page, to)).graph.nodes.find((candidate) => candidate.id === pasted);
  expect(stored).toMatchObject({ kind: "say", data: { text: expect.stringContaining("Switchboard Clinic") } });

  // Pasting text that is not nodes into the canvas does nothing; into a field it is ordinary text.
  await page.evaluate(() => navigator.clipboard.writeText("just words"));
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("ControlOrMeta+v");
  expect((await nodeIds(page)).length).toBe(2);
});
