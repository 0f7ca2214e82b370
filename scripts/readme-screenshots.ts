/**
 * Takes the README's screenshots from a running app (`npm run screenshots`; SCREENSHOT_URL, default
 * http://localhost:3000): the flow list, the template on open, and a test call in progress with its panels, at
 * 1280×800 (and every size in SCREENSHOT_SIZES, e.g. "1280x800,1920x1080"). Files go to SCREENSHOT_DIR
 * (default docs/screenshots); sizes other than 1280×800 get their size in the name. It signs in with
 * SCREENSHOT_EMAIL and SCREENSHOT_PASSWORD, or else signs up a new account through the sign-up page (on a fresh
 * installation that is the welcome page, which it takes a picture of first).
 */
import { chromium, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import path from "node:path";
import { chromiumLaunchOptions } from "../e2e/chromium";

const base = process.env.SCREENSHOT_URL ?? "http://localhost:3000";
const directory = process.env.SCREENSHOT_DIR ?? path.join(import.meta.dirname, "..", "docs", "screenshots");
const sizes = (process.env.SCREENSHOT_SIZES ?? "1280x800").split(",").map((size) => {
  const [width, height] = size.split("x").map(Number);
  return { width: width ?? 1280, height: height ?? 800 };
});

function file(name: string, size: { width: number; height: number }, suffix = ""): string {
  const sized = size.width === 1280 && size.height === 800 ? "" : `-${size.width}x${size.height}`;
  return path.join(directory, `${name}${suffix}${sized}.png`);
}

/** A flow made from the template, as a person makes one, so the shots show what a first user sees. */
async function newFromTemplate(page: Page, name: string): Promise<void> {
  await page.goto(base);
  await page.getByTestId("new-flow").click();
  await page.getByTestId("new-flow-name").fill(name);
  await page.getByTestId("template-appointment-booking").click();
  await page.getByTestId("create-flow").click();
  await page.waitForURL(/\/flows\/[^/]+$/);
  await page.getByTestId("node-greet").waitFor();
  await page.waitForTimeout(600); // the fit animates; the picture is of the settled view
}

/** Signs in (or up) once, in a browser of the first size, and returns the signed-in browser state for the others. */
async function signedInState(browser: Browser): Promise<BrowserContextOptions["storageState"]> {
  const context = await browser.newContext({ viewport: sizes[0], deviceScaleFactor: 1 });
  const page = await context.newPage();
  const email = process.env.SCREENSHOT_EMAIL;
  if (email) {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(process.env.SCREENSHOT_PASSWORD ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
  } else {
    await page.goto(`${base}/sign-up`);
    await page.getByTestId("sign-up-form").waitFor();
    await page.screenshot({ path: file("sign-up", sizes[0] ?? { width: 1280, height: 800 }) });
    await page.getByLabel("Your name").fill("Sam Rivera");
    await page.getByLabel("Email").fill(`sam-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill(`screenshots-${Date.now()}`);
    await page.getByRole("button", { name: /^Create account/ }).click();
  }
  await page.getByTestId("account-menu").waitFor();
  const state = await context.storageState();
  await context.close();
  return state;
}

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const storageState = await signedInState(browser);
  for (const size of sizes) {
    for (const colorScheme of ["light", "dark"] as const) {
      const suffix = colorScheme === "dark" ? "-dark" : "";
      const context = await browser.newContext({ viewport: size, colorScheme, deviceScaleFactor: 1, storageState });
      const page = await context.newPage();
      await newFromTemplate(page, "Clinic booking line");
      if (colorScheme === "light") {
        await page.screenshot({ path: file("editor", size) });
        await page.goto(base);
        await page.getByTestId("flow-row").first().waitFor();
        await page.screenshot({ path: file("flow-list", size) });
        await page.goBack();
        await page.getByTestId("node-greet").waitFor();
        await page.waitForTimeout(600);
      }
      await page.getByTestId("test-button").click();
      await page.getByTestId("chat-input").fill("I want to book an appointment");
      await page.getByTestId("chat-input").press("Enter");
      await page.getByTestId("chat-message").filter({ hasText: "What name should I put" }).waitFor();
      await page.waitForTimeout(600);
      await page.screenshot({ path: file("test-panel", size, suffix) });
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`screenshots written to ${path.relative(process.cwd(), directory)}`);
