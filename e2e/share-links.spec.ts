import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe-check";

// The size the screenshots of the dialog and the shared view are looked at in.
test.use({ viewport: { width: 1280, height: 800 } });

/** A browser of someone new: no cookies, signed up through the form it is sent to. */
async function newcomer(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

test("the owner shares a flow by link; someone in none of its workspaces views it read-only; a revoked link says so", async ({
  page,
  browser,
}) => {
  const stamp = Date.now();
  const flowName = `Order status line ${stamp}`;
  const created = await page.request.post("/api/flows", { data: { name: flowName, templateId: "appointment-booking" } });
  const { flow } = (await created.json()) as { flow: { id: string; revision: number } };

  // The owner makes a link in the editor's Share dialog; Escape closes it.
  await page.goto(`/flows/${flow.id}`);
  await page.getByTestId("share-button").click();
  const dialog = page.getByTestId("share-dialog");
  await expect(dialog.getByRole("heading", { name: `Share “${flowName}”` })).toBeVisible();
  await expect(dialog.getByTestId("no-share-links")).toBeVisible();
  await dialog.getByTestId("create-share-link").click();
  const link = await dialog.getByTestId("share-link-url").inputValue();
  expect(link).toMatch(/\/shared\/[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByTestId("share-link")).toHaveCount(1);
  await expect(dialog.getByTestId("share-link")).toContainText("Made by Olivia Owner");
  await page.screenshot({ path: test.info().outputPath("share-dialog.png") });
  await expectNoSeriousViolations(page, "the share dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // Someone new opens it, makes an account on the way, and lands on the flow's canvas, to look only.
  const sam = await newcomer(browser);
  // The shared view asks only for what a link allows: no member route refuses it on the way.
  const refused: string[] = [];
  sam.on("response", (response) => {
    if (response.status() >= 400) refused.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  await sam.goto(link);
  await expect(sam).toHaveURL(/\/sign-in\?next=%2Fshared%2F/);
  await sam.getByRole("link", { name: "Create one" }).click();
  await sam.getByLabel("Your name").fill("Sam Stranger");
  await sam.getByLabel("Email").fill(`sam-${stamp}@example.com`);
  await sam.getByLabel("Password").fill("a stranger's long password");
  await sam.getByRole("button", { name: "Create account" }).click();
  await expect(sam).toHaveURL(new RegExp(`/shared/`));
  await expect(sam.getByTestId("flow-name")).toHaveValue(flowName);
  await expect(sam.getByTestId("flow-name")).toHaveAttribute("readonly", "");
  await expect(sam.getByTestId("view-only")).toHaveText("Shared with you · view only");
  const nodes = sam.locator(".react-flow__node");
  await expect(nodes.first()).toBeVisible();
  for (const absent of ["palette", "test-button", "share-button", "save-status", "export-flow", "history-button", "undo"]) {
    await expect(sam.getByTestId(absent), absent).toHaveCount(0);
  }
  // A visitor cannot test, so the flow is not "ready to test" for them.
  await expect(sam.getByTestId("issues-empty")).toHaveText("No problems");
  const count = await nodes.count();
  await nodes.nth(1).click();
  await sam.keyboard.press("Delete");
  await sam.keyboard.press("y");
  await expect(nodes).toHaveCount(count);
  await sam.screenshot({ path: test.info().outputPath("shared-view.png") });
  expect(refused).toEqual([]);
  await expectNoSeriousViolations(sam, "a flow opened by a share link");
  // Nothing was saved, and the link made Sam no member: the flow itself is still not theirs to open.
  const stored = (await (await page.request.get(`/api/flows/${flow.id}`)).json()) as { flow: { revision: number } };
  expect(stored.flow.revision).toBe(flow.revision);
  expect((await sam.request.get(`/api/flows/${flow.id}`)).status()).toBe(404);

  // The owner revokes it after confirming (Escape first leaves the confirmation only); Sam's reload is told plainly.
  await page.getByTestId("share-button").click();
  await dialog.getByTestId("revoke-share-link").click();
  await expect(page.getByTestId("confirm-dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("confirm-dialog")).toHaveCount(0);
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("revoke-share-link").click();
  await page.getByTestId("confirm-ok").click();
  await expect(dialog.getByTestId("no-share-links")).toBeVisible();
  await sam.reload();
  await expect(sam.getByRole("heading", { name: "This link has been turned off" })).toBeVisible();
  await expect(sam.getByTestId("shared-link-problem")).toHaveAttribute("data-code", "share_link_revoked");
  await sam.screenshot({ path: test.info().outputPath("shared-link-revoked.png") });
  await expectNoSeriousViolations(sam, "a revoked share link");
});
