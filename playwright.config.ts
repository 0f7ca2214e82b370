import { defineConfig } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { chromiumLaunchOptions } from "./e2e/chromium";
import { OWNER_STATE } from "./e2e/support/owner";

/** Port of the production server the suite starts (kept apart from a developer's 3000). */
const PORT = Number(process.env.E2E_PORT ?? 3100);
/** A fresh state folder (embedded database, secrets) per run, so runs never see each other's flows. */
const stateDir = process.env.E2E_STATE_DIR ?? `.switchboard/e2e-${Date.now()}`;

/**
 * The run's own livekit-server (scripts/e2e-livekit-server.ts, loopback only): its HTTP/WebSocket port, then the RTC
 * TCP port (+1) and UDP port (+2). The key pair is made once per run and kept in the environment, which Playwright's
 * worker processes inherit, so every reading of this file agrees.
 */
const LIVEKIT_PORT = Number(process.env.E2E_LIVEKIT_PORT ?? 7980);
process.env.E2E_LIVEKIT_API_KEY ??= `e2e${randomBytes(6).toString("hex")}`;
process.env.E2E_LIVEKIT_API_SECRET ??= randomBytes(32).toString("base64url");
const liveKit = {
  url: `ws://127.0.0.1:${LIVEKIT_PORT}`,
  apiKey: process.env.E2E_LIVEKIT_API_KEY,
  apiSecret: process.env.E2E_LIVEKIT_API_SECRET,
};

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1500, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    browserName: "chromium",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    // Makes the installation's first account in the browser (the README's first run), and keeps its sign-in.
    { name: "first account", testMatch: /first-account\.setup\.ts/ },
    { name: "signed in", dependencies: ["first account"], use: { storageState: OWNER_STATE } },
  ],
  webServer: [
    {
      // Started first (Playwright sets its servers up in order), so the app's runtime finds it when a LiveKit test call
      // starts (e2e/test-call-livekit.spec.ts). Never reused: its key pair is this run's.
      command: "npx tsx scripts/e2e-livekit-server.ts",
      url: `http://127.0.0.1:${LIVEKIT_PORT}`,
      timeout: 180_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      stdout: "pipe",
      env: {
        E2E_LIVEKIT_PORT: String(LIVEKIT_PORT),
        E2E_LIVEKIT_API_KEY: liveKit.apiKey,
        E2E_LIVEKIT_API_SECRET: liveKit.apiSecret,
      },
    },
    {
      // The speech models (npm run voices:fetch, as npm test runs it) are linked into the run's fresh state folder, so
      // its server answers voice calls (e2e/test-call-voice.spec.ts) without fetching them again.
      command: `bash scripts/link-voices.sh "${stateDir}" && npm run serve`,
      url: `http://localhost:${PORT}`,
      timeout: 300_000,
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        SWITCHBOARD_STATE_DIR: stateDir,
        NEXT_TELEMETRY_DISABLED: "1",
        LIVEKIT_URL: liveKit.url,
        LIVEKIT_API_KEY: liveKit.apiKey,
        LIVEKIT_API_SECRET: liveKit.apiSecret,
      },
    },
  ],
});
