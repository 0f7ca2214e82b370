import { expect, test } from "@playwright/test";

test("rename, duplicate, export and delete (with a confirm) from the flow list", async ({ page, request }) => {
  const name = `List actions ${Date.now()}`;
  const created = await request.post("/api/flows", { data: { name, templateId: "appointment-booking" } });
  expect(created.status()).toBe(201);

  await page.goto("/");
  const row = page.getByTestId("flow-row").filter({ hasText: name });
  await expect(row).toContainText("12 nodes");
  await expect(row.getByTestId("flow-updated")).toContainText("edited just now");

  await row.getByTestId("rename-flow").click();
  await page.getByTestId("rename-input").fill(`${name} renamed`);
  await page.getByTestId("rename-input").press("Enter");
  const rowNamed = (title: string) =>
    page.getByTestId("flow-row").filter({ has: page.getByTestId("flow-link").getByText(title, { exact: true }) });
  const renamed = rowNamed(`${name} renamed`);
  await expect(renamed).toHaveCount(1);

  await renamed.getByTestId("duplicate-flow").click();
  const copy = rowNamed(`${name} renamed (copy)`);
  await expect(copy).toHaveCount(1);

  const exported = await request.get((await renamed.getByTestId("export-flow").getAttribute("href")) ?? "");
  expect(exported.status()).toBe(200);
  expect(((await exported.json()) as { format: string }).format).toBe("switchboard.flow");

  await copy.getByTestId("delete-flow").click();
  await page.getByTestId("confirm-cancel").click();
  await expect(copy).toHaveCount(1);
  await copy.getByTestId("delete-flow").click();
  await page.getByTestId("confirm-ok").click();
  await expect(copy).toHaveCount(0);
  await expect(renamed).toHaveCount(1);
});

test("the flow list finds flows by name and sorts them", async ({ page, request }) => {
  const stamp = Date.now();
  for (const name of [`Zebra line ${stamp}`, `Alpha desk ${stamp}`, `Middle bot ${stamp}`]) {
    expect((await request.post("/api/flows", { data: { name } })).status()).toBe(201);
  }
  await page.goto("/");
  const names = () => page.getByTestId("flow-link").allTextContents();
  await page.getByTestId("flow-search").fill(`${stamp}`);
  await expect(page.getByTestId("flow-row")).toHaveCount(3);
  // Newest edit first by default.
  expect((await names())[0]).toBe(`Middle bot ${stamp}`);
  await page.getByTestId("flow-sort").selectOption("name");
  expect(await names()).toEqual([`Alpha desk ${stamp}`, `Middle bot ${stamp}`, `Zebra line ${stamp}`]);
  await page.getByTestId("flow-search").fill(`desk ${stamp}`);
  expect(await names()).toEqual([`Alpha desk ${stamp}`]);
  await page.getByTestId("flow-search").fill(`nothing called this ${stamp}`);
  await expect(page.getByTestId("flows-none-found")).toBeVisible();
});
