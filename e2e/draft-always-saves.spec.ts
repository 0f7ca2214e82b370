import { expect, test, type Page } from "@playwright/test";
import { expectSaved, node, openNewFlow, selectNode, storedFlow } from "./editor-helpers";

async function problems(page: Page): Promise<number> {
  return Number(await page.getByTestId("issues-panel").getAttribute("data-count"));
}

test("a draft with invalid fields saves: each is a problem on its node, later edits save too, and only Test refuses", async ({ page }) => {
  const flowId = await openNewFlow(page, `Invalid fields ${Date.now()}`, "appointment-booking");
  await expect(page.getByTestId("issues-empty")).toBeVisible();

  // A variable name with a space and a bang. The toolbar does not move while the status changes.
  const undoAt = async () => (await page.getByTestId("undo").boundingBox())?.x;
  const savedAt = await undoAt();
  await selectNode(page, "ask");
  await page.getByTestId("field-variable").fill("my var!");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", /dirty|saving/);
  expect(await undoAt()).toBe(savedAt);
  await expectSaved(page);
  expect(await undoAt()).toBe(savedAt);
  await expect(node(page, "ask")).toHaveAttribute("data-issue", "error");
  await expect(page.getByTestId("field-error-variable")).toContainText("letters, digits and _");
  await expect(page.getByTestId("issue-item").filter({ hasText: "Listen → my var!" })).toContainText("letters, digits and _");

  // A regex with the flag g, beside it.
  await selectNode(page, "intent");
  await page.getByTestId("condition-type-0").selectOption("regex");
  await page.getByTestId("condition-pattern-0").fill("book");
  await page.getByTestId("condition-flags-0").fill("g");
  await expectSaved(page);
  await expect(page.getByTestId("condition-errors-0")).toContainText("Allowed flags: i, m, s, u");
  const withBoth = await problems(page);
  expect(withBoth).toBeGreaterThanOrEqual(2);

  // An edit elsewhere saves as well, and the list keeps every problem (it used to drop to the one schema error).
  await selectNode(page, "greet");
  await page.getByTestId("field-text").fill("Hello! Want to book?");
  await expectSaved(page);
  expect(await problems(page)).toBe(withBoth);
  await expect(page.getByTestId("save-problem")).toHaveCount(0);

  // Nothing was lost: the server has all three edits, and a reload shows them with their problems.
  const stored = await storedFlow(page, flowId);
  const data = (id: string) => stored.graph.nodes.find((candidate) => candidate.id === id)?.data;
  expect(data("ask")?.variable).toBe("my var!");
  expect(JSON.stringify(data("intent"))).toContain('"flags":"g"');
  expect(data("greet")?.text).toBe("Hello! Want to book?");
  await page.reload();
  await expect(node(page, "greet")).toContainText("Hello! Want to book?");
  await expect(node(page, "ask")).toHaveAttribute("data-issue", "error");
  await expect.poll(() => problems(page)).toBe(withBoth);

  // Only Test refuses, and says why (not "could not be saved").
  await page.getByTestId("test-button").click();
  await expect(page.getByTestId("run-problem")).toContainText("cannot run yet");
  await expect(page.getByTestId("run-problem")).not.toContainText("saved");
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "failed");
  // The problems are listed right there, by node, and lead to it.
  const blocking = page.getByTestId("blocking-problems");
  await expect(blocking).toContainText("Listen → my var!");
  await blocking.getByRole("button", { name: /Listen → my var!/ }).click();
  await expect(node(page, "ask")).toHaveAttribute("data-selected", "true");

  // Fixed, it runs.
  await selectNode(page, "ask");
  await page.getByTestId("field-variable").fill("request");
  await selectNode(page, "intent");
  await page.getByTestId("condition-flags-0").fill("i");
  await expect(page.getByTestId("issues-panel")).toHaveAttribute("data-errors", "0");
  await page.getByTestId("restart-session").click();
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "running");
});

test("offline, the editor says so in words and saves when the connection is back", async ({ page, context }) => {
  const flowId = await openNewFlow(page, `Offline ${Date.now()}`, "appointment-booking");
  await context.setOffline(true);
  await selectNode(page, "greet");
  await page.getByTestId("field-text").fill("Typed while offline");
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "offline");
  await expect(page.getByTestId("save-problem")).toContainText("You seem to be offline");
  await expect(page.getByTestId("save-problem")).not.toContainText("Failed to fetch");
  await page.getByTestId("test-button").click();
  await expect(page.getByTestId("run-problem")).toContainText("offline");
  await expect(page.getByTestId("run-problem")).not.toContainText("Failed to fetch");
  await context.setOffline(false);
  await expectSaved(page);
  expect((await storedFlow(page, flowId)).graph.nodes.find((candidate) => candidate.id === "greet")?.data.text).toBe("Typed while offline");
});
