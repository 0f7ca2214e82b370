import { expect, test } from "@playwright/test";

test("importing an invalid file shows the issues addressed to the offending node", async ({ page }) => {
  await page.goto("/");
  const document = {
    format: "switchboard.flow",
    name: "Broken import",
    graph: {
      schemaVersion: 1,
      nodes: [
        { id: "start", kind: "start", position: { x: 0, y: 0 }, data: {} },
        { id: "hello", kind: "say", position: { x: 200, y: 0 }, data: { text: 42 } },
      ],
      edges: [{ id: "e1", source: "start", sourcePort: "next", target: "hello" }],
    },
  };
  await page.getByTestId("import-file").setInputFiles({
    name: "broken.switchboard.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(document)),
  });
  await expect(page.getByTestId("import-error")).toContainText("broken.switchboard.json");
  const issue = page.locator('[data-testid="import-issue"][data-node-id="hello"]');
  await expect(issue.first()).toBeVisible();
  await expect(issue.first()).toContainText("node hello");
  await expect(issue.first()).toContainText("/graph/nodes/1/data/text");
});

test("a file that is not JSON is refused before it is sent", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("import-file").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from("{ nope") });
  await expect(page.getByTestId("import-error")).toContainText("not JSON");
});
