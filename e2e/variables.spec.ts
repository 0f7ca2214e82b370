import { expect, test } from "@playwright/test";
import { node, openNewFlow, selectNode } from "./editor-helpers";

test("a variable no path sets is a warning on its node and field", async ({ page }) => {
  await openNewFlow(page, `Unset ${Date.now()}`, "appointment-booking");
  await selectNode(page, "greet");
  await page.getByTestId("field-text").fill("Hi {{nobody}}, want to book?");
  await expect(node(page, "greet")).toHaveAttribute("data-issue", "warning");
  await expect(page.getByTestId("field-error-text")).toContainText(
    "{{nobody}} is empty here: no path from Start sets “nobody” before this node",
  );
  await expect(page.getByTestId("issue-item").filter({ hasText: "{{nobody}}" })).toHaveAttribute("data-severity", "warning");
  // {{name}} in the confirmation is set by the Set node before it: no warning there.
  await expect(node(page, "confirm")).toHaveAttribute("data-issue", "none");
  // A warning does not stop a test.
  await expect(page.getByTestId("issues-panel")).toHaveAttribute("data-errors", "0");
});

test("templates and expressions complete the flow's variables", async ({ page }) => {
  await openNewFlow(page, `Complete ${Date.now()}`, "appointment-booking");
  // The Say after the Set: `name` and `slot` are set before it, `request` by the first Listen.
  await selectNode(page, "confirm");
  const text = page.getByTestId("field-text");
  await text.fill("See you, ");
  await text.press("End");
  await page.keyboard.type("{{na");
  const suggestions = page.getByTestId("variable-suggestion");
  await expect(suggestions).toHaveText(["name"]);
  await page.keyboard.press("Enter");
  await expect(text).toHaveValue("See you, {{name}}");
  await page.keyboard.type(" at {{");
  await expect(suggestions).toHaveText(["name", "request", "slot"]);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  await expect(text).toHaveValue("See you, {{name}} at {{slot}}");
  await expect(node(page, "confirm")).toContainText("See you, {{name}} at {{slot}}");

  // In a CEL expression: identifiers, `utterance` included.
  await selectNode(page, "save-name");
  const expression = page.getByTestId("assignment-expression-1");
  await expression.fill("");
  await expression.pressSequentially("ut");
  await expect(suggestions).toHaveText(["utterance"]);
  await page.keyboard.press("Enter");
  await expect(expression).toHaveValue("utterance");
  await page.keyboard.type(' + " " + na');
  await expect(suggestions).toHaveText(["name"]);
  await page.keyboard.press("Escape");
  await expect(suggestions).toHaveCount(0);
});
