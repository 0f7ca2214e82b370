import { expect, test } from "@playwright/test";
import { OWNER } from "./support/owner";

// These run signed out: a browser with no cookies, as a teammate's or a stranger's would be.
test.use({ storageState: { cookies: [], origins: [] } });

test("a signed-out visitor is sent to sign in and comes back to the page they asked for", async ({ page, request }) => {
  const anonymous = await request.get("/api/flows");
  expect(anonymous.status()).toBe(401);
  expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");

  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Appointment booking")).toBeVisible();
  const flowPath = (await page.getByRole("link", { name: "Appointment booking" }).first().getAttribute("href")) ?? "";
  expect(flowPath).toMatch(/^\/flows\//);

  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);
  // Signed out on the server too: the old page's requests are refused.
  expect((await page.request.get("/api/flows")).status()).toBe(401);

  await page.goto(flowPath);
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(flowPath).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${flowPath}$`));
  await expect(page.getByTestId("palette")).toBeVisible();
});

test("a teammate signs up for an account of their own, with a personal workspace and none of the owner's flows", async ({ page }) => {
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  await page.getByLabel("Your name").fill("Theo Teammate");
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill("another long password");
  await page.getByRole("button", { name: "Create account" }).click();
  // The owner's address is taken: said plainly, and the form keeps what was typed.
  await expect(page.getByTestId("auth-problem")).toHaveText("An account with that email already exists. Sign in instead.");
  await expect(page.getByLabel("Your name")).toHaveValue("Theo Teammate");
  await page.getByLabel("Email").fill(`theo-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("flows-empty")).toBeVisible();
  await expect(page.getByTestId("account-menu")).toContainText("Sign out");
});

test("wrong passwords are refused plainly, then the address must wait", async ({ page }) => {
  await page.goto("/sign-in");
  const problems: string[] = [];
  for (let attempt = 0; attempt < 8; attempt += 1) {
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill(`not the password ${attempt}`);
    // The form hides the last answer when it sends, so the problem shown once the answer is in is this attempt's.
    await Promise.all([
      page.waitForResponse((response) => response.url().endsWith("/api/auth/sign-in/email")),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    const problem = page.getByTestId("auth-problem");
    await expect(problem).toBeVisible();
    problems.push((await problem.textContent()) ?? "");
    if (problems.at(-1)?.startsWith("Too many attempts")) break;
  }
  expect(problems[0]).toBe("That email and password do not match an account.");
  expect(problems.at(-1)).toMatch(/^Too many attempts from this computer\. Try again in \d+ seconds\.$/);
  // The email stays in the field; nothing was signed in.
  await expect(page.getByLabel("Email")).toHaveValue(OWNER.email);
  expect((await page.request.get("/api/flows")).status()).toBe(401);
});
