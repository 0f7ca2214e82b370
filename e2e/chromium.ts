/**
 * How Playwright launches Chromium here: browsers cannot be downloaded, so Debian's Chromium, with the flags of
 * ../shared/OFFLINE.md (without the background-networking ones it floods the closed network). Shared by the e2e
 * suite and the editor benchmark.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
