import { expect, test, type Browser, type Page } from "@playwright/test";
import { connect, dropNode, node, nodeIds, selectNode } from "./editor-helpers";

/** Each change shows on the other screen within this long (the "within 1 s"). */
const LIVE_MS = 1000;

async function signUpAndAccept(browser: Browser, link: string, name: string, email: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole("link", { name: "Create one" }).click();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a teammate's long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByTestId("accept-invitation").click();
  await expect(page.getByTestId("workspace-filter")).toBeVisible();
  return page;
}

async function inviteLink(owner: Page, workspaceId: string, role: "editor" | "viewer"): Promise<string> {
  const made = await owner.request.post(`/api/workspaces/${workspaceId}/invitations`, { data: { role } });
  expect(made.status()).toBe(201);
  return new URL(((await made.json()) as { path: string }).path, owner.url()).toString();
}

/** A flow of three nodes: Start wired to a greeting, and a goodbye nobody reaches yet. */
const THREE_NODES = {
  schemaVersion: 1,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, data: {} },
    { id: "greet", kind: "say", position: { x: 320, y: 0 }, data: { text: "Hello there" } },
    { id: "bye", kind: "say", position: { x: 320, y: 260 }, data: { text: "Goodbye" } },
  ],
  edges: [{ id: "start-greet", source: "start", sourcePort: "next", target: "greet" }],
};

test("teammates edit one flow at once: each sees the other within a second, undo is per person, a viewer follows live, a removed member is thrown out", async ({
  page: owner,
  browser,
}) => {
  const stamp = Date.now();
  await owner.goto("/");
  const team = (await (await owner.request.post("/api/workspaces", { data: { name: `Live team ${stamp}` } })).json()) as {
    workspace: { id: string };
  };
  const workspaceId = team.workspace.id;
  const theo = await signUpAndAccept(
    browser,
    await inviteLink(owner, workspaceId, "editor"),
    "Theo Teammate",
    `theo-live-${stamp}@example.com`,
  );
  const vera = await signUpAndAccept(
    browser,
    await inviteLink(owner, workspaceId, "viewer"),
    "Vera Viewer",
    `vera-live-${stamp}@example.com`,
  );
  const created = await owner.request.post("/api/flows", { data: { name: `Live desk ${stamp}`, graph: THREE_NODES, workspaceId } });
  expect(created.status()).toBe(201);
  const flowId = ((await created.json()) as { flow: { id: string } }).flow.id;

  for (const page of [owner, theo, vera]) await page.goto(`/flows/${flowId}`);
  for (const page of [owner, theo, vera]) await expect(node(page, "bye")).toBeVisible();

  // Everyone sees who else is here.
  await expect(owner.locator("[data-testid=presence-avatar][title='Theo Teammate']")).toBeVisible();
  await expect(theo.locator("[data-testid=presence-avatar][title='Olivia Owner']")).toBeVisible();
  await expect(theo.locator("[data-testid=presence-avatar][title='Vera Viewer (viewing)']")).toBeVisible();

  // At the same time: the owner adds a node and wires it, the teammate renames another.
  const edgesBefore = await theo.locator(".react-flow__edge").count();
  const added = await dropNode(owner, "say", 880, 110);
  await expect(theo.getByTestId(`node-${added}`)).toBeVisible({ timeout: LIVE_MS });
  await selectNode(theo, "bye");
  await theo.getByTestId("field-label").fill("Farewell");
  await connect(owner, "greet", "next", added);
  await expect(theo.locator(".react-flow__edge")).toHaveCount(edgesBefore + 1, { timeout: LIVE_MS });
  await expect(node(owner, "bye")).toContainText("Farewell", { timeout: LIVE_MS });
  await expect(vera.getByTestId(`node-${added}`)).toBeVisible({ timeout: LIVE_MS });
  await expect(node(vera, "bye")).toContainText("Farewell", { timeout: LIVE_MS });

  // Where the owner points and what they selected shows on the teammate's canvas.
  await selectNode(owner, "greet");
  await expect(theo.locator("[data-testid=peer-selection][data-peer='Olivia Owner']")).toBeVisible({ timeout: LIVE_MS });
  const pane = await owner.locator(".react-flow__pane").boundingBox();
  if (pane) await owner.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2, { steps: 4 });
  await expect(theo.locator("[data-testid=peer-cursor][data-peer='Olivia Owner']")).toBeVisible({ timeout: LIVE_MS });

  // A drag streams the moves (positions only): the teammate sees the node go where the owner left it.
  const transformOf = (page: Page) =>
    node(page, "greet").evaluate((element) => (element.closest(".react-flow__node") as HTMLElement | null)?.style.transform ?? "");
  const before = await transformOf(theo);
  const grip = await node(owner, "greet").boundingBox();
  if (!grip) throw new Error("greet has no box");
  await owner.mouse.move(grip.x + 20, grip.y + 8);
  await owner.mouse.down();
  await owner.mouse.move(grip.x + 80, grip.y + 128, { steps: 12 });
  await owner.mouse.up();
  const after = await transformOf(owner);
  expect(after).not.toBe(before);
  await expect.poll(() => transformOf(theo), { timeout: LIVE_MS }).toBe(after);

  // Both changes are stored: after reloading, both are there.
  for (const page of [owner, theo]) await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved");
  await owner.reload();
  await theo.reload();
  for (const page of [owner, theo]) {
    await expect(page.getByTestId(`node-${added}`)).toBeVisible();
    await expect(node(page, "bye")).toContainText("Farewell");
    await expect(page.locator(".react-flow__edge")).toHaveCount(edgesBefore + 1);
    await expect.poll(() => transformOf(page)).toBe(after);
  }

  // Undo is per person: the teammate renames again, the owner then edits another node, and the teammate's undo takes
  // back only their own rename, on every screen; the owner's later edit, node and wire stay.
  await selectNode(theo, "bye");
  await theo.getByTestId("field-label").fill("See you");
  await expect(node(owner, "bye")).toContainText("See you", { timeout: LIVE_MS });
  await selectNode(owner, "greet");
  await owner.getByTestId("field-text").fill("Welcome to the desk");
  await expect(node(theo, "greet")).toContainText("Welcome to the desk", { timeout: LIVE_MS });
  await theo.locator(".react-flow__pane").click({ position: { x: 10, y: 10 } });
  await theo.keyboard.press("ControlOrMeta+z");
  for (const page of [theo, owner, vera]) {
    await expect(node(page, "bye")).toContainText("Farewell", { timeout: LIVE_MS });
    await expect(node(page, "greet")).toContainText("Welcome to the desk");
    await expect(page.getByTestId(`node-${added}`)).toBeVisible();
    await expect(page.locator(".react-flow__edge")).toHaveCount(edgesBefore + 1);
  }

  // The viewer cannot change anything: no palette, and Delete on a node leaves it.
  await expect(vera.getByTestId("palette")).toHaveCount(0);
  const veraNodes = (await nodeIds(vera)).length;
  await node(vera, "greet").click();
  await vera.keyboard.press("Delete");
  await expect(vera.locator(".react-flow__node")).toHaveCount(veraNodes);
  await expect(node(owner, "greet")).toBeVisible();

  // The owner removes the teammate: their open editor is closed at once, and says why.
  const members = (await (await owner.request.get(`/api/workspaces/${workspaceId}/members`)).json()) as {
    members: { userId: string; name: string }[];
  };
  const theoId = members.members.find((member) => member.name === "Theo Teammate")?.userId;
  expect((await owner.request.delete(`/api/workspaces/${workspaceId}/members/${theoId}`)).status()).toBe(204);
  await expect(theo.getByTestId("collab-closed")).toContainText("You no longer have access to this flow");
  await expect(owner.locator("[data-testid=presence-avatar][title='Theo Teammate']")).toHaveCount(0);
  for (const page of [theo, vera]) await page.context().close();
});
