import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/chromium";

/** Port of the production server the suite starts (kept apart from a developer's 3000). */
const PORT = Number(process.env.E2E_PORT ?? 3100);
/** A fresh state folder (embedded database, secrets) per run, so runs never see each other's flows. */
const stateDir = process.env.E2E_STATE_DIR ?? `.switchboard/e2e-${Date.now()}`;

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
  webServer: {
    // The speech models (npm run voices:fetch, as npm test runs it) are linked into the run's fresh state folder, so
    // its server answers voice calls (e2e/test-call-voice.spec.ts) without fetching them again.
    command: `bash scripts/link-voices.sh "${stateDir}" && npm run serve`,
    url: `http://localhost:${PORT}`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    env: { PORT: String(PORT), SWITCHBOARD_STATE_DIR: stateDir, NEXT_TELEMETRY_DISABLED: "1" },
  },
});
