/**
 * `npm run bench:collab`: --editors (20) people co-editing one flow over loopback, each moving a node of its own
 * --rate (4) times a second for --seconds (10), on the product as `npm run serve` runs it, beside a bare Yjs relay on
 * the same wire measured in the same run. Prints how long an edit takes to reach one other editor and every other
 * editor (the target: p95 ≤ 100 ms), the acknowledgement (Switchboard's comes once the draft is stored), and the
 * server's memory per open flow document (--docs, 100, flows opened by one editor each); medians over --rounds (3),
 * alternating which server goes first, with their ratios and the machine's load.
 * Any edit that does not reach every other editor, or is refused, fails the run; the target only reports.
 */
import { fork, spawnSync } from "node:child_process";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CollabTestClient } from "../lib/testing/collab-client";
import { runEditors, type EditorsRun } from "./collab-editors";
import type { CollabBenchLoop, CollabBenchMemory, CollabBenchReady } from "./collab-server";
import { formatTable, median, percentile } from "./stats";

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const EDITORS = argument("editors", 20);
const SECONDS = argument("seconds", 10);
const RATE = argument("rate", 4);
const ROUNDS = argument("rounds", 3);
const DOCS = argument("docs", 100);
const TARGET_MS = 100;
if (!(EDITORS >= 2)) throw new Error("--editors: at least 2 (an edit has to reach someone else)");

type Mode = "switchboard" | "relay";

// The product serves its editor from the production build: make one if the sources changed.
if (spawnSync("bash", [path.join(import.meta.dirname, "..", "scripts", "ensure-build.sh")], { stdio: "inherit" }).status !== 0) {
  throw new Error("next build failed");
}

interface CollabServerHandle extends CollabBenchReady {
  url: string;
  memory(): Promise<CollabBenchMemory>;
  loop(): Promise<CollabBenchLoop>;
  stop(): Promise<void>;
}

async function startCollabServer(mode: Mode): Promise<CollabServerHandle> {
  // A fresh embedded database each time, so every round starts alike; removed when the server has stopped.
  const stateDirectory = path.join(import.meta.dirname, ".cache", `collab-${process.pid}-${mode}-${Date.now()}`);
  const child = fork(path.join(import.meta.dirname, "collab-server.ts"), [mode, "--editors", String(EDITORS), "--docs", String(DOCS)], {
    execArgv: ["--import", "tsx", "--expose-gc"],
    env: { ...process.env, SWITCHBOARD_STATE_DIR: stateDirectory },
    // Its start-up lines (the database's migrations, Next.js) would bury the figures: only co-editing's own log is
    // passed on, and the rest if the server dies.
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const output: string[] = [];
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    for (const line of chunk.split("\n").filter(Boolean)) {
      if (line.startsWith("[collab]")) console.log(line);
      else output.push(line);
    }
  });
  let stopping = false;
  child.once("exit", (code, signal) => {
    if (!stopping) console.error(`${mode} server died (${signal ?? `exit ${code}`}):\n${output.slice(-20).join("\n")}`);
  });
  // A failed run must not leave its server behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  const ready = await new Promise<CollabBenchReady>((resolve, reject) => {
    child.once("message", (message: CollabBenchReady) => resolve(message));
    child.once("exit", (code) => reject(new Error(`${mode} server exited (${code})`)));
  });
  // One question at a time of each type: the answer is the next message of that type.
  const request = <Answer extends { type: string }>(type: Answer["type"]) =>
    new Promise<Answer>((resolve) => {
      const answer = (message: Answer) => {
        if (message.type !== type) return;
        child.off("message", answer);
        resolve(message);
      };
      child.on("message", answer);
      child.send({ type });
    });
  return {
    ...ready,
    url: `http://127.0.0.1:${ready.port}`,
    memory: () => request<CollabBenchMemory>("memory"),
    loop: () => request<CollabBenchLoop>("loop"),
    async stop() {
      stopping = true;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ type: "stop" });
      await exited;
      await rm(stateDirectory, { recursive: true, force: true });
    },
  };
}

/** Asks for the server's memory until it holds `count` flows open (a room closes once its last edits are stored). */
async function memoryWhenOpen(server: CollabServerHandle, count: number): Promise<CollabBenchMemory> {
  for (let waited = 0; ; waited += 100) {
    const memory = await server.memory();
    if (memory.openFlows === count) return memory;
    if (waited >= 10_000) throw new Error(`the server holds ${memory.openFlows} flows open, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Round {
  run: EditorsRun;
  /** Bytes per open flow document: heap (live JavaScript objects) and resident memory. */
  perDoc: { heapUsed: number; rss: number };
}

/** One round on one server: the editors' run, then the memory of --docs more flows open. */
async function runRound(mode: Mode): Promise<Round> {
  const server = await startCollabServer(mode);
  try {
    const run = await runEditors({
      url: server.url,
      flowId: server.flowId,
      cookies: server.cookies,
      editors: EDITORS,
      seconds: SECONDS,
      rate: RATE,
      serverBusyMs: async () => (await server.loop()).activeMs,
    });
    run.close();
    const before = await memoryWhenOpen(server, 0);
    const docs = server.memoryFlowIds.map((flowId) => new CollabTestClient(server.url, flowId, server.cookies[0]));
    await Promise.all(docs.map((doc) => doc.joined()));
    const after = await memoryWhenOpen(server, docs.length);
    for (const doc of docs) doc.close();
    const perDoc = { heapUsed: (after.heapUsed - before.heapUsed) / docs.length, rss: (after.rss - before.rss) / docs.length };
    return { run, perDoc };
  } finally {
    await server.stop();
  }
}

/** One figure of the report: a row of the table, in its unit. */
interface Figure {
  row: string;
  unit: "ms" | "µs" | "KiB" | "/s";
  value: number;
}

/** The figures of one round that the report compares, one per row of the table. */
function figures({ run, perDoc }: Round): Figure[] {
  const quantiles = (label: string, samples: number[]): Figure[] => {
    const sorted = [...samples].sort((a, b) => a - b);
    return [50, 95, 99].map((p) => ({ row: `${label} p${p}`, unit: "ms", value: percentile(sorted, p) }));
  };
  return [
    ...quantiles("edit → one other editor", run.delivery),
    ...quantiles("edit → every other editor", run.reachedAll),
    ...quantiles("acknowledgement", run.ack),
    { row: "edits sent", unit: "/s", value: run.sent / (run.sendingMs / 1000) },
    { row: "server event loop busy per edit", unit: "µs", value: (run.serverBusyMs * 1000) / run.sent },
    { row: "memory per open flow doc, heap", unit: "KiB", value: perDoc.heapUsed / 1024 },
    { row: "memory per open flow doc, rss", unit: "KiB", value: perDoc.rss / 1024 },
  ];
}

// A growth that came out negative (resident memory the GC handed back) has no meaningful ratio.
const ratio = (value: number) => (Number.isFinite(value) && value > 0 ? `${value.toFixed(2)}×` : "n/a");
const rounds = (count: number) => `${count} round${count === 1 ? "" : "s"}`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const shown = (figure: Figure) => `${figure.value.toFixed(figure.unit === "µs" ? 0 : 1)} ${figure.unit}`.replace(" /s", "/s");
const valueOf = (round: Round, row: string) => figures(round).find((figure) => figure.row === row)?.value ?? Number.NaN;
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

console.log(
  `Co-editing benchmark: ${EDITORS} editors on one flow over loopback, each moving its node ${RATE}×/s (jittered) for ${SECONDS} s; ` +
    `${DOCS} more flows open for the memory measure; ${rounds(ROUNDS)}, interleaved; Switchboard on ${process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "the embedded database"}`,
);
console.log(`Node ${process.version}, ${os.cpus().length} CPUs, load average at start ${load()}\n`);

const results: Record<Mode, Round[]> = { switchboard: [], relay: [] };
for (let round = 0; round < ROUNDS; round += 1) {
  // Alternating which goes first, so a load that drifts over the run weighs on both alike.
  const order: Mode[] = round % 2 === 0 ? ["relay", "switchboard"] : ["switchboard", "relay"];
  for (const mode of order) {
    const result = await runRound(mode);
    results[mode].push(result);
    const { run } = result;
    console.log(
      `round ${round + 1} ${mode.padEnd(11)} → all p50 ${ms(valueOf(result, "edit → every other editor p50"))}, ` +
        `p95 ${ms(valueOf(result, "edit → every other editor p95"))}; ack p50 ${ms(valueOf(result, "acknowledgement p50"))}; ` +
        `${run.sent} edits (${valueOf(result, "edits sent").toFixed(1)}/s), ${run.lost} lost, ${run.problems.length} problems; ` +
        `load ${load()}`,
    );
  }
}

const rows = figures(results.switchboard[0]!);
const medianOf = (mode: Mode, row: string) => median(results[mode].map((round) => valueOf(round, row)));
// The ratio is each round's, then their median: one round the shared machine disturbed does not set it.
const ratioOf = (row: string) =>
  median(results.switchboard.map((round, index) => valueOf(round, row) / valueOf(results.relay[index]!, row)));
console.log(`\nMedians of ${rounds(ROUNDS)} (ratio: the median of each round's Switchboard / relay)\n`);
console.log(
  formatTable(
    ["", "bare Yjs relay", "Switchboard", "ratio"],
    rows.map(({ row, unit }) => [
      row,
      shown({ row, unit, value: medianOf("relay", row) }),
      shown({ row, unit, value: medianOf("switchboard", row) }),
      unit === "/s" ? "" : ratio(ratioOf(row)),
    ]),
  ),
);
console.log(
  `\nacknowledgement: what an editor's "Saved" waits for. The relay answers at once; Switchboard once the draft is stored` +
    ` in the database (after 150 ms of quiet, at most 1 s while edits keep coming).` +
    `\nserver event loop busy per edit: the server's main thread from the first move to the last delivery, per edit sent.` +
    `\nmemory per open flow doc: the server's growth with ${DOCS} more flows open, one editor (one connection) on each, after a full GC;` +
    ` rss is the coarser figure (the allocator keeps or returns whole pages), heap the live JavaScript objects.`,
);
console.log(
  `\nLoad: ${EDITORS} editors, ${medianOf("switchboard", "edits sent").toFixed(1)} edits/s in all (each passed on to ${EDITORS - 1} others), ` +
    `${rounds(ROUNDS)}; ${os.cpus().length} CPUs, load average now ${load()} (1, 5, 15 min); the editors and the server share this machine.`,
);

const p95 = medianOf("switchboard", "edit → every other editor p95");
console.log(`\np95 edit→every other editor: ${ms(p95)} (target ≤ ${TARGET_MS} ms): ${p95 <= TARGET_MS ? "met" : "not met"}`);
let wrong = 0;
for (const mode of ["relay", "switchboard"] as const) {
  for (const [index, { run }] of results[mode].entries()) {
    if (run.lost === 0 && run.problems.length === 0) continue;
    wrong += 1;
    console.log(`FAIL  ${mode}, round ${index + 1}: ${run.lost} deliveries lost of ${run.sent * (EDITORS - 1)}`);
    for (const problem of run.problems.slice(0, 10)) console.log(`  ${problem}`);
  }
}
if (wrong === 0) console.log(`every edit reached every other editor and was acknowledged (${rounds(ROUNDS)} on each server)`);
process.exit(wrong === 0 ? 0 : 1);
