import { expect, test } from "@playwright/test";
import { node, openNewFlow } from "./editor-helpers";
import { installFakeMicrophone, speak, speakCallerLines } from "./support/fake-microphone";

/*
 * A caller who pauses at a comma is answered on the phrase before it ("No," is the sample's decline), then goes on: the
 * answer is taken back and the whole sentence is the answer (it books). The person sees one line, the whole sentence,
 * the trace says why, and the booking path is the one that goes on.
 */
let wavs: Record<"noBook", string>;

test.beforeAll(() => {
  wavs = speakCallerLines({ noBook: "No, I'd like to book an appointment." });
});

test("a caller who goes on after the comma is heard whole: the early answer is taken back and the call books", async ({ page }) => {
  test.setTimeout(90_000);
  await installFakeMicrophone(page);
  await page.addInitScript(() =>
    localStorage.setItem("switchboard.test-call-mode", JSON.stringify({ state: { mode: "talk" }, version: 1 })),
  );
  await openNewFlow(page, `Take back ${Date.now()}`, "appointment-booking");
  await page.getByTestId("test-button").click();
  const voice = page.getByTestId("voice-bar");
  await expect(voice).toHaveAttribute("data-replies-played", "1", { timeout: 30_000 });
  await expect(node(page, "ask")).toHaveAttribute("data-status", "lit");

  await speak(page, wavs.noBook);
  const bot = page.locator('[data-testid="chat-message"][data-from="bot"]');
  await expect(bot.filter({ hasText: "What name should I put the appointment under?" })).toBeVisible({ timeout: 20_000 });
  await expect(
    page.locator('[data-testid="trace-event"][data-type="utterance.retracted"]'),
    "the trace says the answer was taken back",
  ).toHaveCount(1);
  // One line for the caller's turn: the whole sentence, not "no" and then the rest.
  const caller = page.locator('[data-testid="chat-message"][data-from="person"]');
  await expect(caller).toHaveCount(1);
  await expect(caller.first()).toContainText(/no\b.*(book|appointment)/i);
  // The decline's goodbye waited for the answer to be final: it was never said.
  await expect(bot.filter({ hasText: "Have a nice day" })).toHaveCount(0);
  await expect(node(page, "hear-name")).toHaveAttribute("data-status", "lit", { timeout: 20_000 });
  await page.locator('[data-testid="trace-event"][data-type="utterance.retracted"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("take-back.png") });
});
