import type { Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/*
 * A fake microphone the spec speaks into (../shared/OFFLINE.md, "Browser tests"): getUserMedia returns the stream of a
 * MediaStreamAudioDestinationNode, silent until the spec plays a caller line (a WAV) into it, on cue. Shared by the
 * voice specs over Socket.IO and LiveKit.
 */

/** What the page's fake microphone exposes to the spec (window.fakeMicrophone). */
interface FakeMicrophone {
  /** Plays a WAV (base64) into the microphone; resolves when it has been spoken. */
  speak(wavBase64: string): Promise<void>;
  /** The state of every track getUserMedia handed out. */
  trackStates(): string[];
}

/** Replaces getUserMedia with a microphone the spec speaks into. */
export async function installFakeMicrophone(page: Page): Promise<void> {
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
export async function speak(page: Page, wav: string): Promise<void> {
  await page.evaluate((wavBase64) => (Reflect.get(window, "fakeMicrophone") as FakeMicrophone).speak(wavBase64), wav);
}

export const trackStates = (page: Page) => page.evaluate(() => (Reflect.get(window, "fakeMicrophone") as FakeMicrophone).trackStates());

/** Speaks caller lines with the project's offline voice into WAVs, once per spec file: name → WAV as base64. */
export function speakCallerLines<Name extends string>(lines: Record<Name, string>): Record<Name, string> {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-caller-lines-"));
  const entries = Object.entries<string>(lines);
  execFileSync("npx", ["tsx", "e2e/support/speak-caller-lines.ts", dir, ...entries.map(([name, text]) => `${name}=${text}`)], {
    stdio: "pipe",
    timeout: 60_000,
  });
  const wavs: Partial<Record<Name, string>> = {};
  for (const name of Object.keys(lines) as Name[]) wavs[name] = readFileSync(path.join(dir, `${name}.wav`)).toString("base64");
  // Every name was filled in by the loop above.
  return wavs as Record<Name, string>;
}
