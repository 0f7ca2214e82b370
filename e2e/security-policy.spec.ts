import { expect, test, type Page } from "@playwright/test";
import { createFlow, expectSaved, node, selectNode } from "./editor-helpers";

/**
 * Collects what the browser says about the page's Content-Security-Policy, across navigations and reloads:
 * `securitypolicyviolation` events (listened to before any script of the page runs) and console errors, where a
 * blocked script or eval also shows up.
 */
async function watchPolicy(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.exposeFunction("reportPolicyViolation", (violation: string) => problems.push(violation));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report: unknown = Reflect.get(window, "reportPolicyViolation");
      if (typeof report === "function")
        report(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return problems;
}

test("the editor works under its Content-Security-Policy, with no violation reported", async ({ page }) => {
  const problems = await watchPolicy(page);
  const home = await page.goto("/");
  const headers = home?.headers() ?? {};
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff" });

  await createFlow(page, `Policy ${Date.now()}`, "appointment-booking");
  // elkjs, the lazily loaded chunk of the editor, lays the flow out.
  await page.getByTestId("auto-layout").click();
  await page.getByTestId("test-button").click();
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "running");
  await page.getByTestId("chat-input").fill("I want to book");
  await page.getByTestId("chat-input").press("Enter");
  await expect(page.locator('[data-testid="chat-message"][data-from="bot"]').filter({ hasText: "What name" })).toBeVisible();
  await page.getByTestId("chat-input").fill("Ada");
  await page.getByTestId("chat-input").press("Enter");
  await expect(page.getByTestId("ended-banner")).toContainText("booked");
  await page.getByTestId("close-test").click();
  // The canvas followed the lit path to the End during the test; bring the whole flow back into view.
  await page.getByTestId("fit-view").click();

  // Text a database cannot hold is an issue of the field like any other, not a failed save.
  await selectNode(page, "greet");
  await page.getByTestId("field-text").fill("Hello\u0000there");
  await expect(page.getByTestId("field-error-text")).toContainText("NUL character");
  await expect(node(page, "greet")).toHaveAttribute("data-issue", "error");
  await page.getByTestId("field-text").fill("Hello there");
  await expect(page.getByTestId("issues-panel")).toHaveAttribute("data-errors", "0");
  await expectSaved(page);

  await page.reload();
  await expect(page.getByTestId("palette")).toBeVisible();
  await page.getByTestId("back-to-flows").click();
  await expect(page.getByTestId("flow-row").first()).toBeVisible();
  expect(problems).toEqual([]);
});

test("the API answers are never cached and never sniffed", async ({ request }) => {
  const answer = await request.get("/api/templates");
  expect(answer.headers()).toMatchObject({
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  });
});

test("another site's page cannot create a flow with a form post through the visitor's browser", async ({ page, baseURL, request }) => {
  const name = `Forged ${Date.now()}`;
  // The classic forged form: text/plain, so the browser sends it without asking the server first.
  await page.route("http://attacker.test/", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form method="POST" action="${baseURL}/api/flows" enctype="text/plain">
        <input name='{"name":"${name}","x":"' value='"}'></form><script>document.forms[0].submit()</script>`,
    }),
  );
  const refused = page.waitForResponse((response) => response.url() === `${baseURL}/api/flows`);
  await page.goto("http://attacker.test/");
  expect((await refused).status()).toBe(403);
  expect(await (await refused).json()).toMatchObject({ error: { code: "cross_origin_refused" } });
  const { flows } = (await (await request.get("/api/flows")).json()) as { flows: Array<{ name: string }> };
  expect(flows.map((flow) => flow.name)).not.toContain(name);
});
