import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { createFlow, expectSaved, node, nodeIds, selectNode, storedFlow } from "./editor-helpers";

test("a blank flow starts with a Start node and a hint, not in an error state", async ({ page }) => {
  await createFlow(page, `Blank ${Date.now()}`);
  await expect(page.locator(".react-flow__node")).toHaveCount(1);
  await expect(node(page, "start")).toBeVisible();
  await expect(node(page, "start")).toHaveAttribute("data-issue", "none");
  await expect(page.getByTestId("canvas-hint")).toContainText("Every call begins at Start");
  await expect(page.getByTestId("first-step-hint")).toBeVisible();
  await expect(page.getByTestId("issues-panel")).toHaveAttribute("data-errors", "0");
  await expect(page.getByTestId("issue-item")).toHaveCount(0);
});

test("export, then import, gives back the flow the editor saved, problems and all", async ({ page }) => {
  const name = `Round trip ${Date.now()}`;
  const flowId = await createFlow(page, name, "appointment-booking");
  // A draft with problems: an invalid variable name and a node nothing leads to.
  await selectNode(page, "ask");
  await page.getByTestId("field-variable").fill("my var!");
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("y");
  await expect(page.locator(".react-flow__node")).toHaveCount(13);
  await expectSaved(page);
  const saved = await storedFlow(page, flowId);

  const download = page.waitForEvent("download");
  await page.getByTestId("export-flow").click();
  const file = await (await download).path();
  const text = await readFile(file, "utf8");

  await page.goto("/");
  await page
    .getByTestId("import-file")
    .setInputFiles({ name: `${name}.switchboard.json`, mimeType: "application/json", buffer: Buffer.from(text) });
  await page.waitForURL((url) => url.pathname.startsWith("/flows/") && !url.pathname.endsWith(flowId));
  const importedId = new URL(page.url()).pathname.split("/").pop() ?? "";
  await expect(page.getByTestId("flow-name")).toHaveValue(name);
  expect((await nodeIds(page)).sort()).toEqual(saved.graph.nodes.map((candidate) => candidate.id).sort());
  // Its problems are shown, on their nodes.
  await expect(node(page, "ask")).toHaveAttribute("data-issue", "error");
  await expect(page.getByTestId("issue-item").filter({ hasText: "No path from Start reaches this node" })).toHaveCount(1);
  const imported = await storedFlow(page, importedId);
  expect(imported.graph).toEqual(saved.graph);
});
