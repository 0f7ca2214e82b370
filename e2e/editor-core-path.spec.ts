import { expect, test } from "@playwright/test";
import { connect, createFlow, dropNode, expectSaved, node, nodeIds, selectNode } from "./editor-helpers";

test("build a flow on a blank canvas, test it over Socket.IO, and find it saved", async ({ page }) => {
  const name = `Booking desk ${Date.now()}`;
  await createFlow(page, name);
  await expect(page.getByTestId("issues-panel")).toContainText("The flow needs a Start node");

  const start = await dropNode(page, "start", 120, 120);
  const listen = await dropNode(page, "listen", 360, 120);
  const branch = await dropNode(page, "branch", 600, 120);
  const set = await dropNode(page, "set", 120, 400);
  const say = await dropNode(page, "say", 360, 400);
  const end = await dropNode(page, "end", 600, 400);

  await connect(page, start, "next", listen);
  await connect(page, listen, "heard", branch);
  await connect(page, branch, "c1", set);
  await connect(page, branch, "else", end);
  await connect(page, set, "next", say);
  await connect(page, say, "next", end);

  await selectNode(page, branch);
  await page.getByTestId("condition-phrases-0").fill("book, appointment");
  await selectNode(page, set);
  await page.getByTestId("assignment-variable-0").fill("request");
  await selectNode(page, say);
  await page.getByTestId("field-text").fill("Noted: {{request}}. See you soon.");

  // Only the listen timeout warning is left, and no errors.
  await expect(page.getByTestId("issues-panel")).toHaveAttribute("data-errors", "0");
  await expect(page.getByTestId("issue-item").filter({ hasText: "says nothing" })).toHaveCount(1);
  await expect(node(page, listen)).toHaveAttribute("data-issue", "warning");

  await page.getByTestId("test-button").click();
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "running");
  await expect(node(page, listen)).toHaveAttribute("data-status", "lit");

  await page.getByTestId("chat-input").fill("I want to book");
  await page.getByTestId("chat-input").press("Enter");
  await expect(page.getByTestId("chat-message").filter({ hasText: "I want to book" }).first()).toHaveAttribute("data-from", "person");
  await expect(
    page.locator('[data-testid="chat-message"][data-from="bot"]').filter({ hasText: "Noted: I want to book. See you soon." }),
  ).toBeVisible();
  await expect(page.getByTestId("variable-request")).toContainText("I want to book");

  // The path taken stays marked: nodes and the edges between them.
  for (const id of [start, listen, branch, set, say, end]) await expect(node(page, id)).toHaveAttribute("data-status", /visited|lit/);
  await expect(page.locator('[data-testid^="edge-"][data-visited="true"]')).toHaveCount(5);

  await expect(page.getByTestId("ended-banner")).toContainText("Call ended: completed");
  await expect(page.getByTestId("connection-closed")).toBeVisible();
  await expect(page.getByTestId("trace-event").first()).toBeVisible();

  await expectSaved(page);
  await page.reload();
  await expect(page.getByTestId("palette")).toBeVisible();
  expect((await nodeIds(page)).sort()).toEqual([start, listen, branch, set, say, end].sort());
  await expect(page.locator(".react-flow__edge")).toHaveCount(6);
  await selectNode(page, say);
  await expect(page.getByTestId("field-text")).toHaveValue("Noted: {{request}}. See you soon.");

  await page.getByTestId("back-to-flows").click();
  await expect(page.getByTestId("flow-row").filter({ hasText: name })).toContainText("6 nodes");
});
