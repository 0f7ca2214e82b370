import { expect, test } from "@playwright/test";

test("a team workspace from the flow list: make one, move a flow into it, see only its flows, create a flow there", async ({
  page,
  request,
}) => {
  const stamp = Date.now();
  const flowName = `Moving flow ${stamp}`;
  const teamName = `Support team ${stamp}`;
  expect((await request.post("/api/flows", { data: { name: flowName, templateId: "appointment-booking" } })).status()).toBe(201);

  await page.goto("/");
  await page.getByTestId("new-workspace").click();
  // A name is required, and said so.
  await page.getByTestId("create-workspace").click();
  await expect(page.getByTestId("new-workspace-dialog").getByRole("alert")).toHaveText("Give the workspace a name");
  await page.getByTestId("new-workspace-name").fill(teamName);
  await page.getByTestId("create-workspace").click();
  await expect(page.getByTestId("new-workspace-dialog")).toHaveCount(0);

  // The list now shows the new workspace, empty, and names each flow's workspace once there are several.
  await expect(page.getByTestId("workspace-filter").locator("option:checked")).toHaveText(teamName);
  await expect(page.getByTestId("flows-none-found")).toHaveText("This workspace has no flows yet.");
  await page.getByTestId("workspace-filter").selectOption({ label: "All" });
  const row = page.getByTestId("flow-row").filter({ hasText: flowName });
  await expect(row.getByTestId("flow-workspace")).toHaveText("· in Personal");

  await row.getByTestId("move-flow").selectOption({ label: teamName });
  await expect(row.getByTestId("flow-workspace")).toHaveText(`· in ${teamName}`);
  await page.getByTestId("workspace-filter").selectOption({ label: teamName });
  await expect(page.getByTestId("flow-row")).toHaveCount(1);
  await expect(page.getByTestId("flow-row")).toContainText(flowName);
  await page.getByTestId("workspace-filter").selectOption({ label: "Personal" });
  await expect(page.getByTestId("flow-row").filter({ hasText: flowName })).toHaveCount(0);

  // A new flow started while the team is shown goes into the team by default.
  await page.getByTestId("workspace-filter").selectOption({ label: teamName });
  await page.getByTestId("new-flow").click();
  await expect(page.getByTestId("new-flow-workspace").locator("option:checked")).toHaveText(teamName);
  await page.getByTestId("new-flow-name").fill(`Team flow ${stamp}`);
  await page.getByTestId("create-flow").click();
  await page.waitForURL(/\/flows\//);
  const flowId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const stored = (await (await request.get(`/api/flows/${flowId}`)).json()) as { flow: { workspaceId: string } };
  const workspaces = (await (await request.get("/api/workspaces")).json()) as { workspaces: Array<{ id: string; name: string }> };
  expect(workspaces.workspaces.find((workspace) => workspace.id === stored.flow.workspaceId)?.name).toBe(teamName);
});
