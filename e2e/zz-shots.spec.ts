import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { node, openNewFlow } from "./editor-helpers";

/*
 * A test call by voice, as a person makes it: Talk, then two spoken turns into the sample booking flow. The microphone
 * is a fake one (../shared/OFFLINE.md, "Browser tests"): getUserMedia returns the stream of a
 * MediaStreamAudioDestinationNode, silent until the spec plays a caller line into it, on cue. The lines are spoken by
 * the project's own offline voice (lib/voice: Piper) into WAV files before the test.
 */

/** The caller's lines, spoken once for the file. */
const LINES = { book: "I would like to book an appointment please.", name: "My name is John Smith." } as const;
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
  wavs = { book: "", name: "" };
  for (const name of Object.keys(LINES) as Array<keyof typeof LINES>)
    wavs[name] = readFileSync(path.join(dir, `${name}.wav`)).toString("base64");
});

/** What the page's fake microphone exposes to the spec (window.fakeMicrophone). */
interface FakeMicrophone {
  /** Plays a WAV (base64) into the microphone; resolves when it has been spoken. */
  speak(wavBase64: string): Promise<void>;
  /** The state of every track getUserMedia handed out. */
  trackStates(): string[];
}

/** Replaces getUserMedia with a microphone the spec speaks into. */
async function installFakeMicrophone(page: Page): Promise<void> {
  await page.addInitScript(() => {
    let context: AudioContext | null = null;
    let destination: MediaStreamAudioDestinationNode | null = null;
    const tracks: MediaStreamTrack[] = [];
    const fake: FakeMicrophone = {
      async speak(wavBase64) {
        if (!context || !destination) throw new Error("nobody opened the microphone");
        const bytes = Uint8Array.from(atob(wavBase64), (char) => char.charCodeAt(0));
        const buffer = await context.decodeAudioData(bytes.buffer);
        const source = context.createBufferSource();
        source.buffer = buffer;
        source.connect(destination);
        await new Promise<void>((resolve) => {
          source.onended = () => resolve();
          source.start();
        });
      },
      trackStates: () => tracks.map((track) => track.readyState),
    };
    Object.defineProperty(window, "fakeMicrophone", { value: fake });
    navigator.mediaDevices.getUserMedia = async () => {
      context ??= new AudioContext({ sampleRate: 16_000 });
      destination = context.createMediaStreamDestination();
      tracks.push(...destination.stream.getAudioTracks());
      return destination.stream;
    };
  });
}

/** Speaks a caller line into the fake microphone, in real time. */
async function speak(page: Page, wav: string): Promise<void> {
  await page.evaluate((wavBase64) => (Reflect.get(window, "fakeMicrophone") as FakeMicrophone).speak(wavBase64), wav);
}

const trackStates = (page: Page) => page.evaluate(() => (Reflect.get(window, "fakeMicrophone") as FakeMicrophone).trackStates());


test("shots", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await installFakeMicrophone(page);
  await page.addInitScript(() => localStorage.setItem("switchboard.test-call-mode", JSON.stringify({ state: { mode: "talk" }, version: 1 })));
  await openNewFlow(page, `Booking by voice`, "appointment-booking");
  await page.getByTestId("test-button").click();
  const voice = page.getByTestId("voice-bar");
  await expect(voice).toHaveAttribute("data-replies-played", "1", { timeout: 30_000 });
  await page.screenshot({ path: "/work/notes/mic-shots/01-listening.png" });
  const speaking = speak(page, wavs.book);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: "/work/notes/mic-shots/02-speaking-partial.png" });
  await speaking;
  await expect(page.locator('[data-from="bot"]').filter({ hasText: "What name" })).toBeVisible({ timeout: 20_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: "/work/notes/mic-shots/03-bot-speaking.png" });
  await expect(voice).toHaveAttribute("data-replies-played", "2", { timeout: 30_000 });
  await page.keyboard.press("Alt+KeyM");
  await page.screenshot({ path: "/work/notes/mic-shots/04-muted.png" });
  await page.keyboard.press("Alt+KeyM");
  await speak(page, wavs.name);
  await expect(page.getByTestId("ended-banner")).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: "/work/notes/mic-shots/05-ended.png" });
  await page.evaluate(() => { navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Permission denied", "NotAllowedError")); });
  await page.getByTestId("restart-session").click();
  await expect(page.getByTestId("run-problem")).toBeVisible();
  await page.screenshot({ path: "/work/notes/mic-shots/06-mic-refused.png" });
});
