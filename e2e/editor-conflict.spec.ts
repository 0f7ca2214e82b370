import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { createFlow, expectSaved, node, selectNode } from "./editor-helpers";

async function setGreeting(page: Page, text: string) {
  await selectNode(page, "greet");
  await page.getByTestId("field-text").fill(text);
}

/**
 * Two tabs that cannot reach live co-editing (a proxy that drops WebSockets and Socket.IO's polling): each saves over
 * HTTP with the revision it loaded, which is where a conflict can still happen. With co-editing, the tabs merge live
 * instead (co-editing.spec.ts).
 */
async function withoutLiveCoEditing(context: BrowserContext): Promise<BrowserContext> {
  await context.routeWebSocket(/\/socket\.io\//, (socket) => socket.close());
  await context.route(/\/socket\.io\//, (route) => route.abort());
  return context;
}

async function storedGreeting(page: Page, flowId: string): Promise<string> {
  const response = await page.request.get(`/api/flows/${flowId}`);
  const body = (await response.json()) as { flow: { graph: { nodes: Array<{ id: string; data: { text?: string } }> } } };
  return body.flow.graph.nodes.find((candidate) => candidate.id === "greet")?.data.text ?? "";
}

test("two tabs saving the same flow over HTTP: the second sees the conflict and loses nothing", async ({ browser }) => {
  const context = await withoutLiveCoEditing(await browser.newContext());
  const mine = await context.newPage();
  const flowId = await createFlow(mine, `Conflict ${Date.now()}`, "appointment-booking");
  const theirs = await context.newPage();
  await theirs.goto(`/flows/${flowId}`);
  await expect(node(theirs, "greet")).toBeVisible();
  await expect(node(mine, "greet")).toBeVisible();

  await setGreeting(theirs, "Hello from the other tab");
  await expectSaved(theirs);

  await setGreeting(mine, "Hello from my tab");
  await expect(mine.getByTestId("save-status")).toHaveAttribute("data-status", "conflict");
  await expect(mine.getByTestId("conflict-dialog")).toBeVisible();
  expect(await storedGreeting(mine, flowId)).toBe("Hello from the other tab");

  await mine.getByTestId("conflict-keep-mine").click();
  await mine.waitForURL((url) => !url.pathname.endsWith(flowId));
  const copyId = new URL(mine.url()).pathname.split("/").pop() ?? "";
  await expect(mine.getByTestId("flow-name")).toHaveValue(/\(my copy\)$/);
  expect(await storedGreeting(mine, copyId)).toBe("Hello from my tab");
  expect(await storedGreeting(mine, flowId)).toBe("Hello from the other tab");
  await context.close();
});

test("load theirs takes the newer revision; undo still shows mine but never saves it over theirs, and mine can be kept as a copy", async ({
  browser,
}) => {
  const context = await withoutLiveCoEditing(await browser.newContext());
  const mine = await context.newPage();
  const flowId = await createFlow(mine, `Load theirs ${Date.now()}`, "appointment-booking");
  const theirs = await context.newPage();
  await theirs.goto(`/flows/${flowId}`);
  await expect(node(theirs, "greet")).toBeVisible();

  await setGreeting(theirs, "Their greeting");
  await expectSaved(theirs);
  await setGreeting(mine, "My greeting");
  await expect(mine.getByTestId("conflict-dialog")).toBeVisible();

  await mine.getByTestId("conflict-load-theirs").click();
  await expect(mine.getByTestId("conflict-dialog")).toHaveCount(0);
  await expect(node(mine, "greet")).toContainText("Their greeting");
  await expect(mine.getByTestId("save-status")).toHaveAttribute("data-status", "saved");

  await mine.locator(".react-flow__pane").click({ position: { x: 10, y: 10 } });
  await mine.keyboard.press("ControlOrMeta+z");
  await expect(node(mine, "greet")).toContainText("My greeting");
  // Undo went back past "Load theirs": the conflict path again, not a save over their newer work.
  const dialog = mine.getByTestId("conflict-dialog");
  await expect(dialog).toHaveAttribute("data-kind", "undo_past_theirs");
  await expect(dialog).toContainText("Undo brought back your version");
  await expect(mine.getByTestId("save-status")).toHaveAttribute("data-status", "conflict");
  expect(await storedGreeting(mine, flowId)).toBe("Their greeting");
  // Still not saved after the autosave delay has long passed.
  await mine.waitForTimeout(2000);
  expect(await storedGreeting(mine, flowId)).toBe("Their greeting");

  // Theirs again, then keep mine after all: nothing is lost on either side.
  await mine.getByTestId("conflict-load-theirs").click();
  await expect(dialog).toHaveCount(0);
  await expect(node(mine, "greet")).toContainText("Their greeting");
  await mine.locator(".react-flow__pane").click({ position: { x: 10, y: 10 } });
  await mine.keyboard.press("ControlOrMeta+z");
  await expect(dialog).toHaveAttribute("data-kind", "undo_past_theirs");
  await mine.getByTestId("conflict-keep-mine").click();
  await mine.waitForURL((url) => !url.pathname.endsWith(flowId));
  const copyId = new URL(mine.url()).pathname.split("/").pop() ?? "";
  expect(await storedGreeting(mine, copyId)).toBe("My greeting");
  expect(await storedGreeting(mine, flowId)).toBe("Their greeting");
  await context.close();
});
