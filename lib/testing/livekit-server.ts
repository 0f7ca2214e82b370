import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** The livekit-server release scripts/ensure-livekit-server.sh builds; its binary's name carries it. */
export const LIVEKIT_SERVER_VERSION = "v1.13.5";

/** Where scripts/ensure-livekit-server.sh caches the binary (git-ignored). */
export function livekitServerBinary(projectRoot = process.cwd()): string {
  return path.join(projectRoot, ".switchboard", "bin", `livekit-server-${LIVEKIT_SERVER_VERSION}`);
}

/** A livekit-server running for a test: where it answers, and the key pair it accepts. */
export interface LiveKitTestServer {
  /** The WebSocket URL clients join with (`ws://127.0.0.1:port`). */
  readonly url: string;
  /** The same server's HTTP address, for the server API (RoomServiceClient). */
  readonly httpUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** What it printed so far (for a failing test's message). */
  readonly log: () => string;
  /** Stops the server's process for a while (fault tests); resume() starts it again with the same ports and keys. */
  halt(): Promise<void>;
  resume(): Promise<void>;
  /** Stops it and everything it started (its process group), and removes its config. */
  stop(): Promise<void>;
}

/**
 * Starts a real livekit-server kept on loopback (not `--dev`, which binds the machine's network interface): free
 * ports chosen for this run, a generated key and secret, a config file of its own. Resolves once it answers HTTP.
 * Builds the binary first when it is not cached (about a minute, once).
 */
export async function startLiveKitServer(options: { timeoutMs?: number; webhookUrls?: string[] } = {}): Promise<LiveKitTestServer> {
  const binary = livekitServerBinary();
  if (!existsSync(binary)) execFileSync("bash", ["scripts/ensure-livekit-server.sh"], { stdio: "inherit" });
  const [port, tcpPort] = [await freeTcpPort(), await freeTcpPort()];
  const udpPort = await freeUdpPort();
  const apiKey = `test${randomBytes(6).toString("hex")}`;
  const apiSecret = randomBytes(32).toString("base64url");
  const folder = mkdtempSync(path.join(tmpdir(), "switchboard-livekit-"));
  const config = path.join(folder, "livekit.yaml");
  writeFileSync(config, loopbackConfig({ port, tcpPort, udpPort, apiKey, apiSecret, webhookUrls: options.webhookUrls ?? [] }), {
    mode: 0o600,
  });

  const httpUrl = `http://127.0.0.1:${port}`;
  let running: RunningProcess | null = null;
  const halt = async () => {
    await running?.kill();
    running = null;
  };
  const resume = async () => {
    if (running) return;
    running = launch(binary, config);
    try {
      await waitUntilAnswering(httpUrl, running.exited, options.timeoutMs ?? 15_000);
    } catch (error) {
      const output = running.output();
      await halt();
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
    }
  };
  const stop = async () => {
    await halt();
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    await resume();
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return { url: `ws://127.0.0.1:${port}`, httpUrl, apiKey, apiSecret, log: () => running?.output() ?? "", halt, resume, stop };
}

interface RunningProcess {
  readonly exited: Promise<void>;
  output(): string;
  /** Ends its process group: SIGTERM, then SIGKILL after 5 s. */
  kill(): Promise<void>;
}

/** Starts the binary in a process group of its own, so kill() ends it whole and nothing outlives the tests. */
function launch(binary: string, config: string): RunningProcess {
  const child = spawn(binary, ["--config", config], { stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output = keepTail(output + chunk.toString())));
  child.stderr?.on("data", (chunk: Buffer) => (output = keepTail(output + chunk.toString())));
  // Its own process group does not die with this process: a run that crashes (or exits without stopping it) must not
  // leave it holding its ports (a leftover server made the next bench fail to bind).
  const killWithUs = () => killGroup(child, "SIGKILL");
  process.once("exit", killWithUs);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  }).then(() => void process.off("exit", killWithUs));
  return {
    exited,
    output: () => output,
    async kill() {
      killGroup(child, "SIGTERM");
      const stopped = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
      if (!stopped) {
        killGroup(child, "SIGKILL");
        await exited;
      }
    },
  };
}

/**
 * OFFLINE.md's measured config: everything on 127.0.0.1; without the loopback candidate it opens no UDP port (also used by
 * scripts/e2e-livekit-server.ts). With
 * webhook URLs, the server posts its events there, signed with the same key pair (as LiveKit Cloud's webhooks are).
 */
export function loopbackConfig(ports: {
  port: number;
  tcpPort: number;
  udpPort: number;
  apiKey: string;
  apiSecret: string;
  webhookUrls?: string[];
}): string {
  const webhook =
    ports.webhookUrls && ports.webhookUrls.length > 0
      ? [`webhook:`, `  api_key: ${ports.apiKey}`, `  urls: ${JSON.stringify(ports.webhookUrls)}`]
      : [];
  return [
    `port: ${ports.port}`,
    `bind_addresses: ["127.0.0.1"]`,
    `rtc:`,
    `  tcp_port: ${ports.tcpPort}`,
    `  udp_port: ${ports.udpPort}`,
    `  node_ip: 127.0.0.1`,
    `  use_external_ip: false`,
    `  enable_loopback_candidate: true`,
    `  ips: { includes: ["127.0.0.1/32"] }`,
    `keys:`,
    `  ${ports.apiKey}: ${ports.apiSecret}`,
    ...webhook,
    `logging: { level: warn }`,
    "",
  ].join("\n");
}

async function waitUntilAnswering(url: string, exited: Promise<void>, timeoutMs: number): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error("livekit-server exited before answering");
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(100);
  }
  throw new Error(`livekit-server did not answer at ${url} within ${timeoutMs} ms`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** The last 20 kB: enough to explain a failure, bounded for a long run. */
function keepTail(text: string): string {
  return text.length > 20_000 ? text.slice(-20_000) : text;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
