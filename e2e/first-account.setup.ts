import { expect, test as setup } from "@playwright/test";
import { OWNER, OWNER_STATE } from "./support/owner";

// The README's first run, as a newcomer sees it: the first visit asks for the first account, which lands in the
// flow list with the sample flow. Every other spec then starts signed in as that account.
setup("the first visit makes the first account, which owns the sample flow", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-up$/);
  await expect(page.getByRole("heading", { name: "Welcome to Switchboard" })).toBeVisible();
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create account and open Switchboard" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Appointment booking")).toBeVisible();
  await expect(page.getByTestId("account-menu")).toContainText("Sign out");
  await page.context().storageState({ path: OWNER_STATE });
});
