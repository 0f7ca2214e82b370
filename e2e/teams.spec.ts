import { expect, test, type Browser, type Page } from "@playwright/test";

/** A browser of someone new: no cookies, signed up through the form it is sent to. */
async function newcomer(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

async function signUpHere(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a teammate's long password");
  await page.getByRole("button", { name: "Create account" }).click();
}

test("the owner invites by link and by email; teammates join with their roles; a withdrawn link stops working", async ({
  page,
  browser,
}) => {
  const stamp = Date.now();
  const teamName = `Care team ${stamp}`;
  await page.goto("/");
  await page.getByTestId("new-workspace").click();
  await page.getByTestId("new-workspace-name").fill(teamName);
  await page.getByTestId("create-workspace").click();
  await expect(page.getByTestId("workspace-filter").locator("option:checked")).toHaveText(teamName);

  // An invite link for editors.
  await page.getByTestId("workspace-members").click();
  const dialog = page.getByTestId("members-dialog");
  await expect(dialog.getByTestId("member-row")).toHaveCount(1);
  await expect(dialog.getByTestId("member-row")).toContainText("(you)");
  await dialog.getByTestId("invite-role").selectOption("editor");
  await dialog.getByTestId("create-invite-link").click();
  await expect(dialog.getByTestId("invite-made")).toContainText("Anyone signed in who has this link can join as editor");
  const link = await dialog.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  // Someone new opens it, makes an account on the way, and joins as an editor.
  const theo = await newcomer(browser);
  await theo.goto(link);
  await expect(theo).toHaveURL(/\/sign-in\?next=%2Finvite%2F/);
  await expect(theo.getByText("Sign in to accept your invitation.")).toBeVisible();
  await theo.getByRole("link", { name: "Create one" }).click();
  await signUpHere(theo, "Theo Teammate", `theo-${stamp}@example.com`);
  await expect(theo.getByRole("heading", { name: `Join ${teamName}` })).toBeVisible();
  await expect(theo.getByText("invited you to work on its flows as an editor")).toBeVisible();
  await theo.getByTestId("accept-invitation").click();
  await expect(theo.getByTestId("workspace-filter").locator("option:checked")).toHaveText(teamName);

  // An invitation by email: the server sends no mail, so it waits for its person on the flow list.
  const vera = `vera-${stamp}@example.com`;
  await dialog.getByTestId("invite-role").selectOption("viewer");
  await dialog.getByTestId("invite-email").fill(vera);
  await dialog.getByTestId("invite-by-email").click();
  await expect(dialog.getByTestId("invite-made")).toContainText(`${vera} will see the invitation when they sign in`);
  await expect(dialog.getByTestId("open-invitation")).toHaveCount(2);
  const veraPage = await newcomer(browser);
  await veraPage.goto("/sign-up");
  await signUpHere(veraPage, "Vera Viewer", vera);
  const banner = veraPage.getByTestId("invitations-banner");
  await expect(banner).toContainText(`invited you to ${teamName} as viewer`);
  await banner.getByTestId("join-invited-workspace").click();
  await expect(banner).toHaveCount(0);
  await expect(veraPage.getByTestId("workspace-filter").locator("option:checked")).toHaveText(teamName);

  // A viewer opens the team's flows to look: no palette, no Test, nothing they do changes the flow.
  const { workspaces } = (await (await page.request.get("/api/workspaces")).json()) as { workspaces: Array<{ id: string; name: string }> };
  const teamId = workspaces.find((workspace) => workspace.name === teamName)?.id;
  const created = await page.request.post("/api/flows", {
    data: { name: `Desk flow ${stamp}`, templateId: "appointment-booking", workspaceId: teamId },
  });
  const { flow } = (await created.json()) as { flow: { id: string; revision: number } };
  await veraPage.goto(`/flows/${flow.id}`);
  await expect(veraPage.getByTestId("view-only")).toBeVisible();
  await expect(veraPage.getByTestId("test-button")).toHaveCount(0);
  await expect(veraPage.getByTestId("palette")).toHaveCount(0);
  await expect(veraPage.getByTestId("flow-name")).toHaveAttribute("readonly", "");
  const nodes = veraPage.locator(".react-flow__node");
  const count = await nodes.count();
  await nodes.first().click();
  await veraPage.keyboard.press("y");
  await veraPage.keyboard.press("Delete");
  await expect(nodes).toHaveCount(count);
  await expect(veraPage.getByTestId("save-status")).toHaveCount(0);
  expect(((await (await page.request.get(`/api/flows/${flow.id}`)).json()) as { flow: { revision: number } }).flow.revision).toBe(
    flow.revision,
  );

  // The owner sees both, with their roles, and withdraws the link: the next person who opens it is told plainly.
  await dialog.getByRole("button", { name: "Close" }).click();
  await page.getByTestId("workspace-members").click();
  await expect(dialog.getByTestId("member-row")).toHaveCount(3);
  await expect(dialog.getByTestId("member-row").filter({ hasText: "Theo Teammate" }).getByTestId("member-role")).toHaveValue("editor");
  await expect(dialog.getByTestId("member-row").filter({ hasText: "Vera Viewer" }).getByTestId("member-role")).toHaveValue("viewer");
  await expect(dialog.getByTestId("open-invitation")).toHaveCount(1);
  await dialog.getByTestId("revoke-invitation").click();
  await expect(dialog.getByTestId("open-invitation")).toHaveCount(0);
  await veraPage.goto(link);
  await expect(veraPage.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
  await expect(veraPage.getByText("This invitation was withdrawn. Ask for a new one.")).toBeVisible();

  // A member leaves; the owner removes the other.
  await theo.getByTestId("workspace-members").click();
  await theo.getByTestId("leave-workspace").click();
  await expect(theo.getByTestId("members-dialog")).toHaveCount(0);
  await expect(theo.getByTestId("flows-empty")).toBeVisible();
  await dialog.getByTestId("member-row").filter({ hasText: "Vera Viewer" }).getByTestId("remove-member").click();
  await expect(dialog.getByTestId("member-row")).toHaveCount(1);
});
