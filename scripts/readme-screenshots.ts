/**
 * Takes the README's screenshots from a running app (`npm run screenshots`; SCREENSHOT_URL, default
 * http://localhost:3000): the flow list, the template on open, and a test call in progress with its panels, at
 * 1280×800 (and every size in SCREENSHOT_SIZES, e.g. "1280x800,1920x1080"). Files go to SCREENSHOT_DIR
 * (default docs/screenshots); sizes other than 1280×800 get their size in the name.
 */
import { chromium, type Page } from "@playwright/test";
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

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  for (const size of sizes) {
    for (const colorScheme of ["light", "dark"] as const) {
      const suffix = colorScheme === "dark" ? "-dark" : "";
      const context = await browser.newContext({ viewport: size, colorScheme, deviceScaleFactor: 1 });
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
