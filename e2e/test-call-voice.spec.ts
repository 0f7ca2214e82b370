import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { node, openNewFlow } from "./editor-helpers";
import { installFakeMicrophone, speak, trackStates } from "./support/fake-microphone";

/*
 * A test call by voice, as a person makes it: Talk, then two spoken turns into the sample booking flow. The microphone
 * is a fake one (../shared/OFFLINE.md, "Browser tests"): getUserMedia returns the stream of a
 * MediaStreamAudioDestinationNode, silent until the spec plays a caller line into it, on cue. The lines are spoken by
 * the project's own offline voice (lib/voice: Piper) into WAV files before the test.
 */

/** The caller's lines, spoken once for the file. */
const LINES = {
  book: "I would like to book an appointment please.",
  name: "My name is John Smith.",
  yes: "Yes, book one please.",
} as const;
let wavs: Record<keyof typeof LINES, string>;

test.beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-caller-lines-"));
  execFileSync(
    "npx",
    ["tsx", "e2e/support/speak-caller-lines.ts", dir, ...Object.entries(LINES).map(([name, text]) => `${name}=${text}`)],
    {
      stdio: "pipe",
      timeout: 60_000,
    },
  );
  wavs = { book: "", name: "", yes: "" };
  for (const name of Object.keys(LINES) as Array<keyof typeof LINES>)
    wavs[name] = readFileSync(path.join(dir, `${name}.wav`)).toString("base64");
});

test("a test call by voice: two spoken turns take the booking path, the replies are played, and End stops the microphone", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await installFakeMicrophone(page);
  await openNewFlow(page, `Voice ${Date.now()}`, "appointment-booking");

  // Test opens the panel with a typed call; Talk starts it again by voice (and is remembered).
  await page.getByTestId("test-button").click();
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "running");
  await page.getByTestId("call-mode-talk").click();
  const panel = page.getByTestId("test-panel");
  const voice = page.getByTestId("voice-bar");
  await expect(voice).toHaveAttribute("data-microphone", "on");
  await expect(panel).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("call-mode")).toHaveAttribute("data-mode", "talk");

  // The greeting arrives as text and audio; once it has played the bot listens, and the microphone is streaming.
  const bot = page.locator('[data-testid="chat-message"][data-from="bot"]');
  await expect(bot.filter({ hasText: "Would you like to book an appointment?" })).toBeVisible({ timeout: 30_000 });
  await expect(voice).toHaveAttribute("data-replies-played", "1", { timeout: 30_000 });
  await expect(node(page, "ask")).toHaveAttribute("data-status", "lit");
  expect(Number(await voice.getAttribute("data-frames-sent"))).toBeGreaterThan(0);

  // Turn one, spoken.
  await speak(page, wavs.book);
  const caller = page.locator('[data-testid="chat-message"][data-from="person"][data-spoken="true"]');
  await expect(caller.first()).toContainText(/book|appointment/i, { timeout: 20_000 });
  await expect(caller.first()).toHaveAttribute("data-partial", "false");
  await expect(bot.filter({ hasText: "What name should I put the appointment under?" })).toBeVisible({ timeout: 20_000 });
  await expect(voice).toHaveAttribute("data-replies-played", "2", { timeout: 30_000 });
  await expect(node(page, "hear-name")).toHaveAttribute("data-status", "lit");

  // Turn two, free-form.
  await speak(page, wavs.name);
  await expect(caller.nth(1)).toContainText(/john|smith/i, { timeout: 20_000 });
  await expect(bot.filter({ hasText: "You're booked for" })).toBeVisible({ timeout: 20_000 });

  // The goodbye plays to its end before the server ends the call (it waits for the playout mark).
  await expect(page.getByTestId("ended-banner")).toHaveAttribute("data-reason", "booked", { timeout: 30_000 });
  await expect(page.getByTestId("ended-banner")).toContainText("Call ended");
  await expect(voice).toHaveAttribute("data-replies-played", "4");
  // Every reply was heard: at least a second of audio each was scheduled on the page's AudioContext.
  expect(Number(await voice.getAttribute("data-frames-played"))).toBeGreaterThan(4 * 50);

  // The path the spoken answers took is lit, and nothing is lit any more.
  for (const id of ["greet", "ask", "intent", "ask-name", "hear-name", "save-name", "confirm", "done"])
    await expect(node(page, id)).toHaveAttribute("data-status", "visited");
  await expect(page.locator('[data-status="lit"]')).toHaveCount(0);
  await expect(page.getByTestId("variables")).toContainText(/john|smith/i);

  // The microphone is released: every track stopped, nothing recording.
  await expect(voice).toHaveAttribute("data-microphone", "off");
  await expect.poll(() => trackStates(page)).toEqual(expect.arrayContaining(["ended"]));
  expect((await trackStates(page)).every((state) => state === "ended")).toBe(true);
  expect(problems).toEqual([]);
});

test("during a voice call mute and typing work, Hang up stops the microphone at once, and a refused microphone is said in words", async ({
  page,
}) => {
  await installFakeMicrophone(page);
  await page.addInitScript(() =>
    localStorage.setItem("switchboard.test-call-mode", JSON.stringify({ state: { mode: "talk" }, version: 1 })),
  );
  await openNewFlow(page, `Voice hang-up ${Date.now()}`, "appointment-booking");
  await page.getByTestId("test-button").click();
  const voice = page.getByTestId("voice-bar");
  await expect(voice).toHaveAttribute("data-microphone", "on");
  await expect(page.getByTestId("call-mode")).toHaveAttribute("data-mode", "talk");
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "running");

  // Mute by its shortcut: silence is sent instead (the call goes on), and the button says so.
  await page.keyboard.press("Alt+KeyM");
  await expect(voice).toHaveAttribute("data-muted", "true");
  await expect(page.getByTestId("mute")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("mute").click();
  await expect(voice).toHaveAttribute("data-muted", "false");

  // Typing still works during a voice call: the typed answer is taken beside the (silent) microphone.
  await page.getByTestId("chat-input").fill("I want to book");
  await page.getByTestId("chat-input").press("Enter");
  await expect(page.locator('[data-testid="chat-message"][data-from="bot"]').filter({ hasText: "What name" })).toBeVisible({
    timeout: 20_000,
  });

  await page.getByTestId("hang-up").click();
  await expect(page.getByTestId("ended-banner")).toContainText("You hung up.");
  await expect(voice).toHaveAttribute("data-microphone", "off", { timeout: 1000 });
  expect((await trackStates(page)).every((state) => state === "ended")).toBe(true);

  // The person refuses the microphone: the call does not start, and the panel says why and what to do.
  await page.evaluate(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
  });
  await page.getByTestId("restart-session").click();
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "failed");
  await expect(page.getByTestId("run-problem")).toContainText("not allowed to use the microphone");
  await expect(page.getByTestId("run-problem")).toContainText("switch to Type");
  // Type still works.
  await page.getByTestId("call-mode-type").click();
  await page.getByTestId("restart-session").click();
  await expect(page.getByTestId("test-panel")).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("voice-bar")).toHaveCount(0);
});

/** Start → a long interruptible Say → Listen (yes / book) → End: what a caller talks over. */
const bargeInFlow = {
  format: "switchboard.flow",
  name: "Barge-in",
  graph: {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, data: {} },
      {
        id: "menu",
        kind: "say",
        position: { x: 260, y: 0 },
        data: {
          text: "Welcome. Our opening hours are nine to five on weekdays. We are closed on public holidays. You can book, cancel or move an appointment. Say yes to book one.",
          interruptible: true,
        },
      },
      { id: "ask", kind: "listen", position: { x: 520, y: 0 }, data: { timeoutSeconds: 15 } },
      {
        id: "intent",
        kind: "branch",
        position: { x: 780, y: 0 },
        data: { conditions: [{ id: "yes", match: { type: "phrases", phrases: ["yes", "book"] } }] },
      },
      { id: "booked", kind: "end", position: { x: 1040, y: 0 }, data: { goodbye: "Booked.", reason: "booked" } },
      { id: "other", kind: "end", position: { x: 1040, y: 160 }, data: { goodbye: "Bye.", reason: "other" } },
      { id: "silent", kind: "end", position: { x: 780, y: 160 }, data: { goodbye: "Goodbye.", reason: "silence" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "menu" },
      { id: "e2", source: "menu", sourcePort: "next", target: "ask" },
      { id: "e3", source: "menu", sourcePort: "interrupted", target: "ask" },
      { id: "e4", source: "ask", sourcePort: "heard", target: "intent" },
      { id: "e5", source: "ask", sourcePort: "timeout", target: "silent" },
      { id: "e6", source: "intent", sourcePort: "yes", target: "booked" },
      { id: "e7", source: "intent", sourcePort: "else", target: "other" },
    ],
  },
};

test("speaking over an interruptible reply stops its playback at once (clear), and the call goes on from what was said", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await installFakeMicrophone(page);
  await page.addInitScript(() =>
    localStorage.setItem("switchboard.test-call-mode", JSON.stringify({ state: { mode: "talk" }, version: 1 })),
  );
  const imported = await page.request.post("/api/flows/import", { data: { ...bargeInFlow, name: `Barge-in ${Date.now()}` } });
  expect(imported.status()).toBe(201);
  const { flow } = (await imported.json()) as { flow: { id: string } };
  await page.goto(`/flows/${flow.id}`);
  await page.getByTestId("test-button").click();
  const voice = page.getByTestId("voice-bar");

  // The menu (about ten seconds) is playing when the caller answers.
  await expect(voice).toHaveText("Bot speaking", { timeout: 30_000 });
  await page.waitForTimeout(1000);
  await speak(page, wavs.yes);
  await expect(voice).toHaveAttribute("data-replies-cleared", "1", { timeout: 10_000 });
  // The menu never played to its end, so no playout was sent for it. The goodbye plays to its end: before the server's
  // `end`, or after it when the server stopped waiting (its wait counts from the reply's start, and synthesis on a busy
  // machine can take longer than the goodbye's length plus the margin).
  await expect(page.getByTestId("ended-banner")).toHaveAttribute("data-reason", "booked", { timeout: 30_000 });
  await expect(voice).toHaveAttribute("data-replies-played", "1");
  await expect(page.locator('[data-testid="chat-message"][data-from="person"]').first()).toContainText(/yes|book/i);
  await expect(node(page, "menu")).toHaveAttribute("data-status", "visited");
  await expect(
    page
      .locator('[data-testid="trace-event"]')
      .filter({ hasText: /interrupted|cut/i })
      .first(),
  ).toBeVisible();
});
