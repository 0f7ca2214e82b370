/**
 * Editor frame benchmark (`npm run bench:editor`): in headless Chromium against a production build, loads
 * generated flows of 500 and 1,000 nodes into the editor (through the API, as a person would open them) and
 * into a bare React Flow page with the same graph (app/bench/bare), drags a node for 2 s on each, and prints
 * the p95 frame time (requestAnimationFrame deltas) and the time to interactive, and the editor/bare ratio.
 *
 * Starts `scripts/serve.sh` on BENCH_PORT (default 3210) with a fresh state folder, unless BENCH_URL names a
 * running server. Targets: p95 ≤ 16.7 ms at 500 nodes, ≤ 33.3 ms at 1,000 (60 and 30 fps), within 1.3× of the bare page.
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { signUpOverHttp } from "../lib/testing/signed-in";
import { chromiumLaunchOptions } from "../e2e/chromium";
import { generateBenchGraph } from "./editor-graph";
import { percentile } from "./stats";

const SIZES = [500, 1000] as const;
/**
 * The p95 targets, in frames of a 60 Hz display: 60 fps at 500 nodes (16.7 ms), 30 fps at 1,000 (the "33 ms"). A frame
 * is presented on a vsync, so a frame time is a whole number of display frames: at 1,000 nodes a p95 of two (33.3 ms)
 * meets the target and three (50 ms) does not.
 */
const TARGET_DISPLAY_FRAMES: Record<number, number> = { 500: 1, 1000: 2 };
const DISPLAY_FRAME_MS = 1000 / 60;
const TARGET_RATIO = 1.3;
/**
 * The resolution of the frame timestamps: Chromium coarsens them to 0.1 ms on a page that is not cross-origin
 * isolated, so a frame of a 60 Hz display (16.67 ms) reads 16.6, 16.7 or 16.8 ms, two read 33.3 or 33.4 ms.
 */
const FRAME_CLOCK_RESOLUTION_MS = 0.1;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE_DIR;
const DRAG_MS = 2000;

declare global {
  /** A scratch slot on the benchmarked page's window where its frame recorder keeps its state. */
  interface Window {
    __frames: number[];
    __stop: boolean;
  }
}

interface Measure {
  p95: number;
  tti: number;
  frames: number;
}

async function waitForServer(url: string, server: ChildProcess | null): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within 5 minutes`);
}

interface BenchServer {
  url: string;
  /** Stops the server started for the benchmark (if any) and removes its state folder. */
  stop(): Promise<void>;
}

async function startServer(): Promise<BenchServer> {
  // A server of your own must have been started with SWITCHBOARD_BENCH_PAGES=1, for the bare page.
  if (process.env.BENCH_URL) return { url: process.env.BENCH_URL, stop: async () => undefined };
  const port = Number(process.env.BENCH_PORT ?? 3210);
  // A fresh database for each run, removed afterwards (each holds the generated flows: tens of MB).
  const stateDirectory = `.switchboard/bench-editor-${Date.now()}`;
  const server = spawn("bash", ["scripts/serve.sh"], {
    env: {
      ...process.env,
      PORT: String(port),
      SWITCHBOARD_STATE_DIR: stateDirectory,
      NEXT_TELEMETRY_DISABLED: "1",
      // The bare React Flow page it compares against is served only on request (app/bench/bare/page.tsx).
      SWITCHBOARD_BENCH_PAGES: "1",
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const url = `http://localhost:${port}`;
  await waitForServer(url, server);
  return {
    url,
    async stop() {
      if (server.exitCode === null && server.pid) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        process.kill(-server.pid, "SIGTERM");
        await exited;
      }
      await rm(stateDirectory, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

async function createFlow(url: string, cookie: string, size: number): Promise<string> {
  const response = await fetch(`${url}/api/flows`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ name: `Benchmark ${size} nodes`, graph: generateBenchGraph(size) }),
  });
  if (!response.ok) throw new Error(`POST /api/flows answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { flow: { id: string } };
  return body.flow.id;
}

/** Loads a page, waits until every node is rendered and measured (time to interactive), then drags one. */
async function measure(page: Page, url: string, size: number, profileAs?: string): Promise<Measure> {
  await page.goto(url, { waitUntil: "commit" });
  const expected = generateBenchGraph(size).nodes.length;
  const ready = await page.waitForFunction(
    (count) => {
      const nodes = document.querySelectorAll<HTMLElement>(".react-flow__node");
      if (nodes.length < count) return false;
      const last = nodes[nodes.length - 1];
      if (!last || getComputedStyle(last).visibility !== "visible") return false;
      return performance.now();
    },
    expected,
    { polling: "raf", timeout: 120_000 },
  );
  const tti = Number(await ready.jsonValue());
  // Let the initial fit settle before dragging.
  await page.waitForTimeout(500);
  const target = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
    if (!pane) throw new Error("no React Flow pane");
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    let best = { x: cx, y: cy, distance: Infinity };
    for (const node of document.querySelectorAll(".react-flow__node")) {
      const box = node.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + Math.min(8, box.height / 2);
      const distance = Math.hypot(x - cx, y - cy);
      if (distance < best.distance) best = { x, y, distance };
    }
    return best;
  });
  await page.evaluate(() => {
    const record = window;
    record.__frames = [];
    record.__stop = false;
    let last = performance.now();
    const tick = (now: number) => {
      record.__frames.push(now - last);
      last = now;
      if (!record.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(target.x, target.y);
  const profiler = profileAs === undefined ? undefined : await page.context().newCDPSession(page);
  await profiler?.send("Profiler.enable");
  await profiler?.send("Profiler.start");
  await page.mouse.down();
  const started = Date.now();
  let step = 0;
  while (Date.now() - started < DRAG_MS) {
    step += 1;
    const angle = step / 10;
    await page.mouse.move(target.x + 120 * Math.sin(angle), target.y + 60 * (1 - Math.cos(angle)));
    await page.waitForTimeout(4);
  }
  await page.mouse.up();
  if (profiler && profileAs !== undefined) {
    const { profile } = await profiler.send("Profiler.stop");
    await writeFile(profileAs, JSON.stringify(profile));
    console.log(`CPU profile of the drag: ${profileAs}`);
  }
  const frames = await page.evaluate(() => {
    const record = window;
    record.__stop = true;
    return record.__frames.slice(1);
  });
  const sorted = [...frames].sort((a, b) => a - b);
  return { p95: percentile(sorted, 95), tti, frames: frames.length };
}

function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

const format = (value: number) => value.toFixed(1).padStart(8);

async function main() {
  const { url, stop } = await startServer();
  // The editor is for signed-in people: the benchmark's browser carries a new account's cookie.
  const { cookie } = await signUpOverHttp(url, { name: "Benchmark user" });
  const cookies = cookie.split("; ").map((pair) => {
    const [name = "", ...value] = pair.split("=");
    return { name, value: value.join("="), url };
  });
  const results: string[] = [];
  let failed = false;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch(chromiumLaunchOptions);
    for (const size of SIZES) {
      const flowId = await createFlow(url, cookie, size);
      const pages = { editor: `${url}/flows/${flowId}`, bare: `${url}/bench/bare?n=${size}` };
      const runs: Record<keyof typeof pages, Measure[]> = { editor: [], bare: [] };
      for (let round = 0; round <= ROUNDS; round += 1) {
        for (const which of ["editor", "bare"] as const) {
          const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
          await context.addCookies(cookies);
          // tsx compiles with keepNames, so functions handed to page.evaluate call an `__name` helper the page lacks.
          await context.addInitScript("globalThis.__name = (target) => target;");
          const page = await context.newPage();
          // BENCH_CPU_PROFILE_DIR: the editor's drags as Chrome CPU profiles (open them in DevTools' Performance panel).
          const profileAs =
            PROFILE_DIR && which === "editor" ? path.join(PROFILE_DIR, `editor-${size}-round-${round}.cpuprofile`) : undefined;
          const result = await measure(page, pages[which], size, profileAs);
          // Round 0 warms the server's and the browser's caches.
          if (round > 0) runs[which].push(result);
          await context.close();
        }
      }
      const editor = { p95: median(runs.editor.map((run) => run.p95)), tti: median(runs.editor.map((run) => run.tti)) };
      const bare = { p95: median(runs.bare.map((run) => run.p95)), tti: median(runs.bare.map((run) => run.tti)) };
      const ratio = editor.p95 / bare.p95;
      // As the clock reads it: 16.7 or 33.3 ms, give or take its resolution.
      const target = Math.round((TARGET_DISPLAY_FRAMES[size] ?? 2) * DISPLAY_FRAME_MS * 10) / 10;
      const ttiRatio = editor.tti / bare.tti;
      // The 1.3× applies to both figures: frame time and time to interactive.
      const ok = editor.p95 <= target + FRAME_CLOCK_RESOLUTION_MS && ratio <= TARGET_RATIO && ttiRatio <= TARGET_RATIO;
      failed ||= !ok;
      const rounds = (which: keyof typeof runs) => runs[which].map((run) => run.p95.toFixed(1)).join(" ");
      results.push(
        `${String(size).padStart(5)} nodes  editor ${format(editor.p95)} ms p95 ${format(editor.tti)} ms TTI` +
          `   bare ${format(bare.p95)} ms p95 ${format(bare.tti)} ms TTI` +
          `   ratio p95 ${ratio.toFixed(2)}× TTI ${ttiRatio.toFixed(2)}×` +
          `   target p95 ≤ ${target.toFixed(1)} ms (±${FRAME_CLOCK_RESOLUTION_MS} ms clock), ≤ ${TARGET_RATIO}×: ${ok ? "met" : "MISSED"}`,
        // Each round's figure, so a reader sees how close the median sits to a dropped frame (16.7 → 33.3 ms).
        `             p95 of each round: editor ${rounds("editor")} · bare ${rounds("bare")}`,
      );
    }
  } finally {
    // Whatever failed (a browser that would not start included), the server started for the benchmark stops.
    await browser?.close();
    await stop();
  }
  console.log(`\nEditor frames: drag ${DRAG_MS / 1000} s, median of ${ROUNDS} rounds, headless Chromium, production build`);
  for (const line of results) console.log(line);
  if (failed) process.exitCode = 1;
}

await main();
