import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe-check";
import { node, openNewFlow, selectNode } from "./editor-helpers";

test("the flow list, the editor and the test panel have no serious accessibility violations", async ({ page }) => {
  await openNewFlow(page, `Axe ${Date.now()}`, "appointment-booking");
  await page.goto("/");
  await expect(page.getByTestId("flow-row").first()).toBeVisible();
  await expectNoSeriousViolations(page, "the flow list");

  await page.getByTestId("flow-link").first().click();
  await expect(node(page, "greet")).toBeVisible();
  await selectNode(page, "intent");
  await expectNoSeriousViolations(page, "the editor with a Branch in the inspector");

  await page.getByTestId("test-button").click();
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "running");
  await page.getByTestId("chat-input").fill("book please");
  await page.getByTestId("chat-input").press("Enter");
  await expect(page.getByTestId("chat-message").filter({ hasText: "What name" })).toBeVisible();
  await expectNoSeriousViolations(page, "the test panel");
});

test("Tab reaches the nodes before the edges, focus on the canvas is visible, and the branch's fields are named", async ({ page }) => {
  await openNewFlow(page, `Keyboard ${Date.now()}`, "appointment-booking");
  const nodes = await page.locator(".react-flow__node").count();
  const edges = await page.locator(".react-flow__edge").count();

  // From the last control before the canvas, Tab walks every node, then every edge, then leaves the canvas.
  await page.getByTestId("palette-end").focus();
  const kinds: string[] = [];
  for (let step = 0; step < nodes + edges + 1; step += 1) {
    await page.keyboard.press("Tab");
    kinds.push(
      await page.evaluate(() => {
        const active = document.activeElement;
        if (active?.classList.contains("react-flow__node")) return "node";
        if (active?.classList.contains("react-flow__edge")) return "edge";
        return "other";
      }),
    );
  }
  expect(kinds).toEqual([...Array<string>(nodes).fill("node"), ...Array<string>(edges).fill("edge"), "other"]);
  // And back again: Shift+Tab from after the canvas returns to its last edge.
  await page.keyboard.press("Shift+Tab");
  expect(await page.evaluate(() => document.activeElement?.classList.contains("react-flow__edge"))).toBe(true);

  // A focused node shows a ring.
  await page.getByTestId("palette-end").focus();
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => {
    const inner = document.activeElement?.querySelector("[data-kind]");
    return inner ? getComputedStyle(inner).outlineStyle : "none";
  });
  expect(outline).toBe("solid");
  // Screen readers hear names, not ids.
  expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toMatch(/^Start|^Say|^Listen|^Branch|^Set|^End/);
  const edgeLabel = await page.locator('.react-flow__edge[data-id="e-greet"]').getAttribute("aria-label");
  expect(edgeLabel).toBe("Arrow from Say “Hi! You've reached Switchboard…” (next) to Listen → request");

  await selectNode(page, "intent");
  await expect(page.getByRole("combobox", { name: "Condition 1: how it matches" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Condition 1: phrases, separated by commas" })).toHaveValue("book, appointment, yes");
});
