import { expect, test } from "@playwright/test";
import { node, openNewFlow } from "./editor-helpers";
import { installFakeMicrophone, speak, speakCallerLines, trackStates } from "./support/fake-microphone";

/*
 * A test call over LiveKit, as a person makes it: LiveKit and Talk, then two spoken turns into the sample booking flow.
 * The room is on the run's own loopback livekit-server (playwright.config.ts starts it; the app's runtime joins each
 * call's room as the agent). The microphone is the fake one the Socket.IO voice spec uses, published as the caller's
 * WebRTC track; the transcripts, the lit path and the end arrive as LiveKit data messages.
 */

const LINES = {
  book: "I would like to book an appointment please.",
  name: "My name is John Smith.",
};
let wavs: Record<keyof typeof LINES, string>;

test.beforeAll(() => {
  wavs = speakCallerLines(LINES);
});

test("a test call over LiveKit: two spoken turns take the booking path, the agent is heard, and the end closes the room", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await installFakeMicrophone(page);
  await page.addInitScript(() =>
    localStorage.setItem("switchboard.test-call-mode", JSON.stringify({ state: { mode: "talk" }, version: 1 })),
  );
  await openNewFlow(page, `LiveKit ${Date.now()}`, "appointment-booking");

  // Test opens the panel over Socket.IO (the default); LiveKit starts the call again in a LiveKit room.
  await page.getByTestId("test-button").click();
  const panel = page.getByTestId("test-panel");
  await expect(panel).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("call-transport")).toHaveAttribute("data-livekit", "configured");
  await page.getByTestId("call-transport-livekit").click();
  await expect(page.getByTestId("call-transport")).toHaveAttribute("data-transport", "livekit");
  const voice = page.getByTestId("voice-bar");
  await expect(voice).toHaveAttribute("data-microphone", "on");
  await expect(panel).toHaveAttribute("data-status", "running", { timeout: 20_000 });

  // The greeting arrives as a data message, and the agent's audio track plays in the page.
  const bot = page.locator('[data-testid="chat-message"][data-from="bot"]');
  await expect(bot.filter({ hasText: "Would you like to book an appointment?" })).toBeVisible({ timeout: 30_000 });
  await expect(voice).toHaveAttribute("data-agent-audio", "playing", { timeout: 20_000 });
  await expect(node(page, "ask")).toHaveAttribute("data-status", "lit", { timeout: 30_000 });

  // Turn one, spoken into the published microphone track.
  await speak(page, wavs.book);
  const caller = page.locator('[data-testid="chat-message"][data-from="person"][data-spoken="true"]');
  await expect(caller.first()).toContainText(/book|appointment/i, { timeout: 20_000 });
  await expect(caller.first()).toHaveAttribute("data-partial", "false");
  await expect(bot.filter({ hasText: "What name should I put the appointment under?" })).toBeVisible({ timeout: 20_000 });
  await expect(node(page, "hear-name")).toHaveAttribute("data-status", "lit", { timeout: 30_000 });

  // Turn two, free-form.
  await speak(page, wavs.name);
  await expect(caller.nth(1)).toContainText(/john|smith/i, { timeout: 20_000 });
  await expect(bot.filter({ hasText: "You're booked for" })).toBeVisible({ timeout: 20_000 });

  // The goodbye plays out on the track, then `end` carries the reason and the runtime deletes the room.
  await expect(page.getByTestId("ended-banner")).toHaveAttribute("data-reason", "booked", { timeout: 30_000 });
  await expect(page.getByTestId("ended-banner")).toContainText("Call ended");
  await expect(panel).toHaveAttribute("data-status", "ended");
  await expect(page.getByTestId("call-lost")).toHaveCount(0);

  // The path the spoken answers took is lit, and nothing is lit any more.
  for (const id of ["greet", "ask", "intent", "ask-name", "hear-name", "save-name", "confirm", "done"])
    await expect(node(page, id)).toHaveAttribute("data-status", "visited");
  await expect(page.locator('[data-status="lit"]')).toHaveCount(0);
  await expect(page.getByTestId("variables")).toContainText(/john|smith/i);

  // The microphone and the agent's audio are released.
  await expect(voice).toHaveAttribute("data-microphone", "off");
  await expect(page.getByTestId("agent-audio")).toHaveCount(0);
  expect((await trackStates(page)).every((state) => state === "ended")).toBe(true);
  expect(problems).toEqual([]);
});

test("LiveKit is shown but disabled, with what to set, when the server says it is off", async ({ page }) => {
  // The run's server has LiveKit on; its status answer is replaced with the one a server without LIVEKIT_* gives.
  await page.route("**/api/livekit", (route) =>
    route.fulfill({
      json: { configured: false, reason: "LiveKit is off: set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET" },
    }),
  );
  await openNewFlow(page, `LiveKit off ${Date.now()}`, "appointment-booking");
  await page.getByTestId("test-button").click();
  await expect(page.getByTestId("call-transport")).toHaveAttribute("data-livekit", "off");
  await expect(page.getByTestId("call-transport-livekit")).toBeDisabled();
  await expect(page.getByTestId("call-transport")).toHaveAttribute("data-transport", "socketio");
  await expect(page.getByTestId("livekit-off")).toContainText("LIVEKIT_URL");
  await expect(page.getByTestId("livekit-off")).toContainText("LIVEKIT_API_SECRET");
  await expect(page.getByTestId("livekit-off").getByRole("link")).toHaveAttribute("href", /livekit/);
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "running");
});
