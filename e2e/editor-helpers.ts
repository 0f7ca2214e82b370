import { expect, type Locator, type Page } from "@playwright/test";

/** Creates a flow from the home page (blank or from a template) and waits for its editor. Returns its id. */
export async function createFlow(page: Page, name: string, templateId?: string): Promise<string> {
  await page.goto("/");
  await page.getByTestId("new-flow").click();
  await page.getByTestId("new-flow-name").fill(name);
  await page.getByTestId(templateId ? `template-${templateId}` : "template-blank").click();
  await page.getByTestId("create-flow").click();
  await page.waitForURL(/\/flows\/[^/]+$/);
  await expect(page.getByTestId("palette")).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop() ?? "";
}

/** Creates a flow through the API (as the list page does) and opens its editor; resolves its id. */
export async function openNewFlow(page: Page, name: string, templateId?: string): Promise<string> {
  const created = await page.request.post("/api/flows", { data: templateId ? { name, templateId } : { name } });
  expect(created.status()).toBe(201);
  const { flow } = (await created.json()) as { flow: { id: string } };
  await page.goto(`/flows/${flow.id}`);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  return flow.id;
}

/** The flow as the server has it now. */
export async function storedFlow(page: Page, flowId: string): Promise<StoredFlow> {
  const response = await page.request.get(`/api/flows/${flowId}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { flow: StoredFlow }).flow;
}

/** The parts of a stored flow the specs read. */
export interface StoredFlow {
  revision: number;
  name: string;
  graph: {
    nodes: Array<{ id: string; kind: string; position: { x: number; y: number }; data: Record<string, unknown> }>;
    edges: Array<{ id: string; source: string; sourcePort: string; target: string }>;
  };
}

/** The canvas's zoom, read from React Flow's viewport transform. */
export async function canvasZoom(page: Page): Promise<number> {
  return page.locator(".react-flow__viewport").evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
}

/** Ids of the nodes on the canvas. */
export async function nodeIds(page: Page): Promise<string[]> {
  return page.locator(".react-flow__node").evaluateAll((elements) => elements.map((element) => element.getAttribute("data-id") ?? ""));
}

export function node(page: Page, id: string): Locator {
  return page.getByTestId(`node-${id}`);
}

/** Drags a kind from the palette onto the canvas at (x, y) from the pane's top-left; returns the new node's id. */
export async function dropNode(page: Page, kind: string, x: number, y: number): Promise<string> {
  const before = new Set(await nodeIds(page));
  await page.getByTestId(`palette-${kind}`).dragTo(page.locator(".react-flow__pane"), { targetPosition: { x, y } });
  await expect.poll(async () => (await nodeIds(page)).length).toBe(before.size + 1);
  const id = (await nodeIds(page)).find((candidate) => !before.has(candidate));
  if (!id) throw new Error(`no ${kind} node appeared`);
  return id;
}

async function centerOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element has no box");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from a node's output port to another node's input, as a person wires them. */
export async function connect(page: Page, sourceId: string, port: string, targetId: string): Promise<void> {
  const edgesBefore = await page.locator(".react-flow__edge").count();
  const from = await centerOf(page.locator(`.react-flow__handle.source[data-nodeid="${sourceId}"][data-handleid="${port}"]`));
  const to = await centerOf(page.locator(`.react-flow__handle.target[data-nodeid="${targetId}"]`));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  await expect(page.locator(".react-flow__edge")).toHaveCount(edgesBefore + 1);
}

/** Selects a node by clicking its header, opening the inspector's column first if it is folded. */
export async function selectNode(page: Page, id: string): Promise<void> {
  const side = page.getByTestId("side-panel");
  if ((await side.getAttribute("data-open")) === "false") await side.getByTestId("side-panel-toggle").click();
  // Retried: a click that lands while the view is still animating (fit, layout) can miss the node.
  await expect(async () => {
    await node(page, id).click({ position: { x: 30, y: 10 } });
    await expect(page.getByTestId("inspector")).toHaveAttribute("data-node-id", id, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
}

/** Waits until autosave has caught up. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 15_000 });
}

/** Waits until the nodes stop moving (after an auto-layout and its animated fit). */
export async function waitForStillCanvas(page: Page): Promise<void> {
  const boxes = () =>
    page.locator(".react-flow__node").evaluateAll((elements) => JSON.stringify(elements.map((element) => element.getBoundingClientRect())));
  let previous = "";
  await expect
    .poll(async () => {
      const current = await boxes();
      const still = current === previous;
      previous = current;
      return still;
    })
    .toBe(true);
}
