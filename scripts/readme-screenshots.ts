/**
 * Takes the README's screenshots from a running app (`npm run screenshots`; SCREENSHOT_URL, default
 * http://localhost:3000): the flow list, the template on open, and a test call in progress with its panels, at
 * 1280×800, and two teammates co-editing one flow of a team workspace (every size in SCREENSHOT_SIZES, e.g.
 * "1280x800,1920x1080"). Files go to SCREENSHOT_DIR
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

/**
 * Two teammates on one flow: Sam makes a team workspace and a flow in it, Priya joins by an invitation link and opens
 * it; her pointer and her selected node show on Sam's canvas, with both avatars in the toolbar. The shot is Sam's.
 */
async function coEditingShots(browser: Browser, storageState: BrowserContextOptions["storageState"]): Promise<void> {
  const first = sizes[0] ?? { width: 1280, height: 800 };
  const sam = await (await browser.newContext({ viewport: first, deviceScaleFactor: 1, storageState })).newPage();
  await sam.goto(base);
  const team = (await (await sam.request.post(`${base}/api/workspaces`, { data: { name: "Clinic front desk" } })).json()) as {
    workspace: { id: string };
  };
  const invited = (await (
    await sam.request.post(`${base}/api/workspaces/${team.workspace.id}/invitations`, { data: { role: "editor" } })
  ).json()) as { path: string };
  const flow = (await (
    await sam.request.post(`${base}/api/flows`, {
      data: { name: "Clinic booking line", templateId: "appointment-booking", workspaceId: team.workspace.id },
    })
  ).json()) as { flow: { id: string } };

  const priya = await (await browser.newContext({ viewport: first, deviceScaleFactor: 1 })).newPage();
  await priya.goto(new URL(invited.path, base).toString());
  await priya.getByRole("link", { name: "Create one" }).click();
  await priya.getByLabel("Your name").fill("Priya Shah");
  await priya.getByLabel("Email").fill(`priya-${Date.now()}@example.com`);
  await priya.getByLabel("Password").fill(`screenshots-${Date.now()}`);
  await priya.getByRole("button", { name: "Create account" }).click();
  await priya.getByTestId("accept-invitation").click();
  await priya.getByTestId("workspace-filter").waitFor();

  for (const size of sizes) {
    await sam.setViewportSize(size);
    await priya.setViewportSize(size);
    for (const page of [sam, priya]) {
      await page.goto(`${base}/flows/${flow.flow.id}`);
      await page.getByTestId("node-greet").waitFor();
    }
    await sam.locator("[data-testid=presence-avatar][title='Priya Shah']").waitFor();
    await priya.getByTestId("node-ask-name").click();
    const box = await priya.getByTestId("node-ask-name").boundingBox();
    if (box) await priya.mouse.move(box.x + box.width + 60, box.y + box.height / 2, { steps: 5 });
    await sam.getByTestId("peer-cursor").waitFor();
    await sam.getByTestId("peer-selection").waitFor();
    await sam.waitForTimeout(600);
    await sam.screenshot({ path: file("co-editing", size) });
  }
  await sam.context().close();
  await priya.context().close();
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
  await coEditingShots(browser, storageState);
} finally {
  await browser.close();
}
console.log(`screenshots written to ${path.relative(process.cwd(), directory)}`);
