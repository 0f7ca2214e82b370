import { expect, test } from "@playwright/test";
import { node, openNewFlow } from "./editor-helpers";

test("Hang up ends the call at once: ended, nothing lit, the input closed, and nothing typed is lost without a word", async ({ page }) => {
  await openNewFlow(page, `Hang up ${Date.now()}`, "appointment-booking");
  await page.getByTestId("test-button").click();
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "running");
  await expect(node(page, "ask")).toHaveAttribute("data-status", "lit");

  // Something typed but not sent when the person hangs up.
  await page.getByTestId("chat-input").fill("wait, one more thing");
  await page.getByTestId("hang-up").click();

  // At once, not after the server's answer or a timeout.
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "ended", { timeout: 1000 });
  await expect(page.getByTestId("run-status")).toHaveText("call ended");
  await expect(page.getByTestId("ended-banner")).toContainText("You hung up.");
  await expect(node(page, "ask")).toHaveAttribute("data-status", "visited");
  await expect(page.locator('[data-status="lit"]')).toHaveCount(0);
  const input = page.getByTestId("chat-input");
  await expect(input).toBeDisabled();
  // What was typed is still there to read, not silently thrown away, and nothing new can be typed into a dead call.
  await expect(input).toHaveValue("wait, one more thing");
  await expect(page.getByTestId("chat-send")).toBeDisabled();
  await expect(page.getByTestId("hang-up")).toHaveCount(0);

  // The server ended the session as a hang-up.
  await expect
    .poll(async () => {
      const response = await page.request.get("/api/sessions");
      const { sessions } = (await response.json()) as { sessions: Array<{ status: string; endReason: string | null }> };
      return sessions[0] ? `${sessions[0].status}:${sessions[0].endReason}` : "";
    })
    .toBe("ended:hangup");

  // Restart calls again, with a fresh input.
  await page.getByTestId("restart-session").click();
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("chat-input")).toBeEnabled();
});

test("a connection lost mid-call says so and does not reconnect into a new call", async ({ page }) => {
  let connections = 0;
  let dropServer: (() => Promise<void>) | null = null;
  // Stands between the page and the server: the test cuts the line, as a network would.
  // The call's connection only: live co-editing keeps one of its own (channel=collab), which reconnects by design.
  const call = (url: URL) => url.pathname.startsWith("/socket.io/") && url.searchParams.get("channel") !== "collab";
  await page.routeWebSocket(call, (ws) => {
    connections += 1;
    const server = ws.connectToServer();
    dropServer = () => server.close();
  });
  await openNewFlow(page, `Lost ${Date.now()}`, "appointment-booking");
  await page.getByTestId("test-button").click();
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "running");
  await expect(node(page, "ask")).toHaveAttribute("data-status", "lit");

  await dropServer!();
  await expect(page.getByTestId("call-lost")).toContainText("The call was lost");
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "lost");
  await expect(page.locator('[data-status="lit"]')).toHaveCount(0);
  await expect(page.getByTestId("chat-input")).toBeDisabled();
  // Socket.IO would reconnect within a second or two; nothing does.
  await page.waitForTimeout(3000);
  expect(connections).toBe(1);
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "lost");
});
