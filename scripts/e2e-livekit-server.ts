/**
 * The livekit-server of a Playwright run (playwright.config.ts starts it as a webServer before the app): OFFLINE.md's
 * loopback-only config on the ports and key pair the config chose, so the app can be started with LIVEKIT_* pointing
 * at it. Runs in the foreground until Playwright stops it; the config file goes with it.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { livekitServerBinary, loopbackConfig } from "../lib/testing/livekit-server";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (playwright.config.ts sets it)`);
  return value;
}

const port = Number(required("E2E_LIVEKIT_PORT"));
const apiKey = required("E2E_LIVEKIT_API_KEY");
const apiSecret = required("E2E_LIVEKIT_API_SECRET");

// npm test builds it first (scripts/ensure-livekit-server.sh); a run of the e2e suite alone builds it here, once.
if (!existsSync(livekitServerBinary())) execFileSync("bash", ["scripts/ensure-livekit-server.sh"], { stdio: "inherit" });

const folder = mkdtempSync(path.join(tmpdir(), "switchboard-e2e-livekit-"));
const config = path.join(folder, "livekit.yaml");
writeFileSync(config, loopbackConfig({ port, tcpPort: port + 1, udpPort: port + 2, apiKey, apiSecret }), { mode: 0o600 });

const server = spawn(livekitServerBinary(), ["--config", config], { stdio: "inherit" });
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => {
  rmSync(folder, { recursive: true, force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
