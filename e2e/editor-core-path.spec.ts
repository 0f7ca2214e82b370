import { expect, test } from "@playwright/test";
import { connect, createFlow, dropNode, expectSaved, node, nodeIds, selectNode } from "./editor-helpers";

test("build a flow on a blank canvas, test it over Socket.IO, and find it saved", async ({ page }) => {
  const name = `Booking desk ${Date.now()}`;
  await createFlow(page, name);
  // A blank flow starts with its Start node and a hint for the first step, not with errors.
  const start = "start";
  await expect(node(page, start)).toBeVisible();
  await expect(page.getByTestId("canvas-hint")).toBeVisible();
  await expect(page.getByTestId("issues-panel")).toHaveAttribute("data-errors", "0");
  await expect(node(page, start)).toHaveAttribute("data-issue", "none");

  // Start sits at the left of the canvas's middle: the rest goes around it.
  const listen = await dropNode(page, "listen", 380, 150);
  const branch = await dropNode(page, "branch", 640, 150);
  const set = await dropNode(page, "set", 380, 620);
  const say = await dropNode(page, "say", 640, 620);
  const end = await dropNode(page, "end", 900, 380);

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

  await expect(page.getByTestId("ended-banner")).toContainText("The call ended: completed.");
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "ended");
  await expect(page.getByTestId("chat-input")).toBeDisabled();
  // No transport jargon ("io server disconnect") after a call that ended as it should.
  await expect(page.getByTestId("test-panel")).not.toContainText("disconnect");
  // The trace names nodes as people do, and a line about a node reveals it.
  await expect(page.getByTestId("trace-event").filter({ hasText: "→ Say “Noted: {{request}}" })).toHaveCount(1);
  await expect(page.getByTestId("test-panel")).not.toContainText(say);
  await page.getByTestId("trace-event").filter({ hasText: "→ Listen" }).getByRole("button").click();
  await expect(page.getByTestId("inspector")).toHaveAttribute("data-node-id", listen);

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
