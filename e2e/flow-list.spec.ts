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
