/**
 * `npm run bench:sessions`: 1,000 concurrent Socket.IO sessions, each a conversation to End, against the real
 * runtime, beside a bare Socket.IO echo server measured in the same run. Prints End→disconnect latency, turn
 * round trips and their ratio to the bare server, memory per session, and what is left after all have ended.
 *
 * Callers pause a random 0-THINK ms before each utterance, as people do, so the sessions overlap without all
 * speaking in the same millisecond; the bare server gets the same pacing.
 *
 * While the turns run, API users (--api-users, 4) read, save, list and create flows over HTTP, pausing --api-pause ms
 * (250) between requests, and check every answer: the product's API (Next.js on the embedded PostgreSQL) beside
 * Switchboard, a bare in-memory API (bare-api.ts) beside the echo server. Any wrong or failed answer fails the run.
 *
 * Options: --sessions N (1000), --turns N (5 utterances before "bye"), --think MS (1000), --rounds N (5: each server runs
 * N times, alternating which goes first), --no-db (the runtime alone on an in-memory flow: no recorder, no API
 * traffic), --profile (CPU profiles in bench/.cache), --segments (where the round trips go: turn-segments.ts).
 */
import { fork, spawnSync, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { httpJson, startApiTraffic, type TrafficReport } from "./api-traffic";
import { percentile, summarize, type Summary } from "./stats";
import { describeSegments, monotonicMicros, type TurnStamps } from "./turn-segments";

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const SESSIONS = argument("sessions", 1000);
const TURNS = argument("turns", 5);
const THINK_MS = argument("think", 1000);
const ROUNDS = argument("rounds", 5);
/**
 * API users reading and saving flows while the calls run, each pausing API_PAUSE_MS between requests: by default four
 * people editing briskly (a request every quarter second each, ~15 a second in all). `--api-pause 25` is a heavy
 * load (~100 a second), `--api-users 0` the calls alone.
 */
const API_USERS = argument("api-users", 4);
const API_PAUSE_MS = argument("api-pause", 250);
const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * THINK_MS));
const withDatabase = !process.argv.includes("--no-db");
const wallClockMs = () => performance.timeOrigin + performance.now();
const withSegments = process.argv.includes("--segments");

// The product serves its editor and API from the production build: make one if the sources changed.
if (
  withDatabase &&
  spawnSync("bash", [path.join(import.meta.dirname, "..", "scripts", "ensure-build.sh")], { stdio: "inherit" }).status !== 0
) {
  throw new Error("next build failed");
}

interface ServerHandle {
  child: ChildProcess;
  port: number;
  flowId: string;
  /** Whether it serves the HTTP API (the product, or the bare API beside the echo server). */
  api: boolean;
  /** A signed-in user's cookie for the product's API ("" for the bare one). */
  cookie: string;
  request<T>(type: string): Promise<T>;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

async function startServer(mode: "switchboard" | "echo"): Promise<ServerHandle> {
  const args = [mode, ...(withDatabase ? [] : ["--no-db"]), ...(withSegments ? ["--segments"] : [])];
  // A fresh embedded database each time, so every round starts alike; removed when the server has stopped.
  const stateDirectory = path.join(import.meta.dirname, ".cache", `sessions-${process.pid}-${mode}-${Date.now()}`);
  const child = fork(path.join(import.meta.dirname, "sessions-server.ts"), args, {
    execArgv: [
      "--import",
      "tsx",
      "--expose-gc",
      ...(process.argv.includes("--profile") // Sampled every 100 µs: a turn takes a few hundred.
        ? ["--cpu-prof", "--cpu-prof-interval", "100", "--cpu-prof-dir", path.join(import.meta.dirname, ".cache", "profiles")]
        : []),
    ],
    env: { ...process.env, SWITCHBOARD_STATE_DIR: stateDirectory },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  // A failed run must not leave its server behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  const ready = await new Promise<{ port: number; flowId: string; api: boolean; cookie: string }>((resolve, reject) => {
    child.once("message", (message: { type: string; port: number; flowId: string; api: boolean; cookie: string }) => resolve(message));
    child.once("exit", (code) => reject(new Error(`${mode} server exited (${code})`)));
  });
  // The server answers each type of request in the order asked: a hundred callers asking for tokens at once each get
  // their own, not the first answer a hundred times.
  const waiting = new Map<string, Array<(message: unknown) => void>>();
  child.on("message", (message: { type: string }) => waiting.get(message.type)?.shift()?.(message));
  return {
    child,
    ...ready,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ type: "stop" });
      await exited;
      await rm(stateDirectory, { recursive: true, force: true });
    },
    request<T>(type: string) {
      return new Promise<T>((resolve) => {
        const queue = waiting.get(type) ?? [];
        waiting.set(type, queue);
        queue.push(resolve as (message: unknown) => void);
        child.send({ type });
      });
    },
  };
}

interface ClientRun {
  sessionId: string;
  turns: number[];
  endReason?: string;
  goodbyeBeforeEnd: boolean;
  disconnectAt?: number;
  disconnectReason?: string;
}

/** A session token for one call: from the API as the editor gets one, or signed by the server without a database. */
async function sessionToken(server: ServerHandle, url: string): Promise<string> {
  if (!server.api) return (await server.request<{ token: string }>("token")).token;
  const { status, text } = await httpJson("POST", `${url}/api/flows/${server.flowId}/sessions`, {}, server.cookie);
  if (status !== 201) throw new Error(`POST /api/flows/{id}/sessions answered ${status}: ${text}`);
  return (JSON.parse(text) as { token: string }).token;
}

/** Opens every session, waits for each to greet, then measures: memory with all open, the turns (with API traffic), the End. */
async function drive(server: ServerHandle, expectEnd: boolean) {
  const url = `http://127.0.0.1:${server.port}`;
  const sockets: Socket[] = [];
  const runs: ClientRun[] = [];
  // Connect in batches so the handshake storm does not distort what is measured later.
  for (let offset = 0; offset < SESSIONS; offset += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, SESSIONS - offset) }, async () => {
        const token = await sessionToken(server, url);
        const socket = io(url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
        const run: ClientRun = { sessionId: "", turns: [], goodbyeBeforeEnd: false };
        let sawGoodbye = false;
        // Registered before connecting: the greeting can arrive in the same burst as the session event.
        const greeted = new Promise((resolve) => socket.once("reply", resolve));
        socket.on("reply", (reply: { goodbye?: boolean }) => {
          if (reply.goodbye) sawGoodbye = true;
        });
        socket.on("end", (end: { reason: string }) => {
          run.endReason = end.reason;
          run.goodbyeBeforeEnd = sawGoodbye;
        });
        socket.on("disconnect", (reason) => {
          run.disconnectAt = wallClockMs();
          run.disconnectReason = reason;
        });
        await new Promise<void>((resolve, reject) => {
          socket.once("session", (session: { sessionId: string }) => {
            run.sessionId = session.sessionId;
            resolve();
          });
          socket.once("connect_error", reject);
        });
        if (expectEnd) await greeted;
        sockets.push(socket);
        runs.push(run);
      }),
    );
  }
  const memory = await server.request<{ baseline: Memory; now: Memory; sockets: number; connectCpuMs?: number }>("memory");

  // With --segments, each turn's send and reply on CLOCK_MONOTONIC, by engine.io connection id (as the server knows it).
  const stamps: TurnStamps = {};
  const turn = (socket: Socket, text: string) =>
    new Promise<number>((resolve) => {
      const stamped = withSegments ? [monotonicMicros()] : undefined;
      if (stamped) (stamps[socket.io.engine.id] ??= []).push(stamped);
      const started = performance.now();
      socket.once("reply", () => {
        stamped?.push(monotonicMicros());
        resolve(performance.now() - started);
      });
      socket.emit("utterance", { text });
    });
  const traffic = server.api ? startApiTraffic(url, API_USERS, API_PAUSE_MS, server.cookie) : undefined;
  const started = performance.now();
  if (process.env.BENCH_DEBUG) console.log(`turns start at monotonic ${process.hrtime.bigint() / 1000n} µs`);
  await Promise.all(
    sockets.map(async (socket, index) => {
      const run = runs[index] as ClientRun;
      for (let number = 0; number < TURNS; number += 1) {
        await pause();
        run.turns.push(await turn(socket, `message number ${number}`));
      }
      await pause();
      if (expectEnd) {
        await new Promise<void>((resolve) => {
          socket.once("disconnect", () => resolve());
          socket.emit("utterance", { text: "ok, bye" });
        });
      } else {
        // The echo server has no End: its caller hangs up instead, so both servers tear down every connection while
        // the turns are measured, as both would in production.
        socket.disconnect();
      }
    }),
  );
  const elapsed = performance.now() - started;
  if (process.env.BENCH_DEBUG) console.log(`turns end at monotonic ${process.hrtime.bigint() / 1000n} µs`);
  const api = await traffic?.stop();
  const segments = withSegments ? { client: stamps, server: (await server.request<{ stamps: TurnStamps }>("segments")).stamps } : undefined;
  return { runs, memory, elapsedMs: elapsed, api, segments };
}

/** performance.eventLoopUtilization() of the server's main thread over the turns. */
interface Loop {
  active: number;
  utilization: number;
  /** CPU time of the main thread (Linux). */
  cpuMs?: number;
  /** CPU time of the whole server process, every thread (Linux). */
  processCpuMs?: number;
  /** CPU time of the server's child processes: the embedded database (Linux). */
  childrenCpuMs?: number;
}

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(2)} ms`;
const line = (label: string, summary: Summary) =>
  `${label.padEnd(34)} p50 ${ms(summary.p50).padStart(10)}   p99 ${ms(summary.p99).padStart(10)}   max ${ms(summary.max).padStart(10)}`;
const perSession = (memory: { baseline: Memory; now: Memory }) => ({
  heap: (memory.now.heapUsed + memory.now.external - memory.baseline.heapUsed - memory.baseline.external) / SESSIONS,
  rss: (memory.now.rss - memory.baseline.rss) / SESSIONS,
});

console.log(
  `Sessions benchmark: ${SESSIONS} concurrent Socket.IO sessions, ${TURNS} turns each with 0-${THINK_MS} ms pauses, then End (${withDatabase ? `with the session recorder on ${process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "the embedded database"}` : "no database"}), ${ROUNDS} interleaved rounds`,
);
console.log(`Node ${process.version}, ${(await import("node:os")).cpus().length} cores\n`);

interface SwitchboardReport {
  loop: Loop;
  endedAt: Record<string, number>;
  leftover: Record<string, number>;
}

/** One round on one server: start it, drive every conversation, ask for its figures (`request`), stop it. */
async function runRound<Report>(mode: "switchboard" | "echo", request: string) {
  const server = await startServer(mode);
  const run = await drive(server, mode === "switchboard");
  const report = await server.request<Report>(request);
  await server.stop();
  return { ...run, report };
}

const runBare = () => runRound<Loop>("echo", "loop");
const runSwitchboard = () => runRound<SwitchboardReport>("switchboard", "report");

/**
 * The spread of a round's turns. A gap that is the same from p10 up is work each turn does; one that widens towards
 * the tail is turns waiting behind other work on the event loop (other callers' turns, ends, the API, the recorder).
 */
const QUANTILES = [10, 25, 50, 75, 90];
const quantiles = (round: { runs: ClientRun[] }) => {
  const sorted = round.runs.flatMap((run) => run.turns).sort((a, b) => a - b);
  return QUANTILES.map((q) => (percentile(sorted, q) * 1000).toFixed(0)).join("/");
};

// Rounds alternate which server goes first, so a load that drifts over the run (another process, the CPU's clock)
// weighs on both alike; the ratio is taken over every turn of every round.
const bareRounds: Array<Awaited<ReturnType<typeof runBare>>> = [];
/**
 * Each round's Switchboard/bare ratios. The targets are judged on their medians: a round the shared machine disturbed
 * (another tenant's burst) would otherwise set the p99 of all turns pooled, which swung from 1× to 6× between runs of
 * one build here.
 */
const roundRatios: Array<{ p50: number; p99: number }> = [];
const realRounds: Array<Awaited<ReturnType<typeof runSwitchboard>>> = [];
for (let round = 0; round < ROUNDS; round += 1) {
  if (round % 2 === 0) {
    bareRounds.push(await runBare());
    realRounds.push(await runSwitchboard());
  } else {
    realRounds.push(await runSwitchboard());
    bareRounds.push(await runBare());
  }
  const bare = summarize(bareRounds[round]!.runs.flatMap((run) => run.turns));
  const real = summarize(realRounds[round]!.runs.flatMap((run) => run.turns));
  roundRatios.push({ p50: real.p50 / bare.p50, p99: real.p99 / bare.p99 });
  console.log(
    `round ${round + 1}: turn p50 bare ${ms(bare.p50)}, Switchboard ${ms(real.p50)} (${(real.p50 / bare.p50).toFixed(2)}×); ` +
      `p99 bare ${ms(bare.p99)}, Switchboard ${ms(real.p99)} (${(real.p99 / bare.p99).toFixed(2)}×)`,
  );
  console.log(
    `  turn µs ${QUANTILES.map((q) => `p${q}`).join("/")}: bare ${quantiles(bareRounds[round]!)}, Switchboard ${quantiles(realRounds[round]!)}`,
  );
}
console.log();

if (process.env.BENCH_DEBUG) console.log(realRounds.map((round) => Object.keys(round.report.endedAt).length));
const endToDisconnect = realRounds.flatMap(({ runs, report }) =>
  runs.flatMap((run) => {
    const ended = report.endedAt[run.sessionId];
    return ended !== undefined && run.disconnectAt !== undefined ? [run.disconnectAt - ended] : [];
  }),
);
const switchboardTurns = summarize(realRounds.flatMap((round) => round.runs.flatMap((run) => run.turns)));
const bareTurns = summarize(bareRounds.flatMap((round) => round.runs.flatMap((run) => run.turns)));
const endLatency = summarize(endToDisconnect);
const median = (values: number[]) => summarize(values).p50;
const memory = {
  heap: median(realRounds.map((round) => perSession(round.memory).heap)),
  rss: median(realRounds.map((round) => perSession(round.memory).rss)),
};
const bareMemory = {
  heap: median(bareRounds.map((round) => perSession(round.memory).heap)),
  rss: median(bareRounds.map((round) => perSession(round.memory).rss)),
};
const correct = realRounds
  .flatMap((round) => round.runs)
  .filter((run) => run.endReason === "completed" && run.goodbyeBeforeEnd && run.disconnectReason === "io server disconnect").length;
const leftovers = realRounds.map((round) => round.report.leftover);
const apiTotals = (rounds: Array<{ api?: TrafficReport }>) =>
  rounds.reduce(
    (sum, round) => ({
      requests: sum.requests + (round.api?.requests ?? 0),
      failed: sum.failed + (round.api?.failed ?? 0),
      wrong: sum.wrong + (round.api?.wrong ?? 0),
      problems: [...sum.problems, ...(round.api?.problems ?? [])],
    }),
    { requests: 0, failed: 0, wrong: 0, problems: [] as string[] },
  );
const realApi = apiTotals(realRounds);
const bareApi = apiTotals(bareRounds);

console.log(line("turn round trip, bare echo server", bareTurns));
console.log(line("turn round trip, Switchboard", switchboardTurns));
const ratios = { p50: median(roundRatios.map((ratio) => ratio.p50)), p99: median(roundRatios.map((ratio) => ratio.p99)) };
console.log(
  `${"ratio (Switchboard / bare), pooled".padEnd(34)} p50 ${(switchboardTurns.p50 / bareTurns.p50).toFixed(2)}×   p99 ${(switchboardTurns.p99 / bareTurns.p99).toFixed(2)}×`,
);
console.log(`${`ratio, median of ${ROUNDS} rounds`.padEnd(34)} p50 ${ratios.p50.toFixed(2)}×   p99 ${ratios.p99.toFixed(2)}×`);
console.log(line("End → client disconnect", endLatency));
if (withSegments) {
  const segmentsOf = (rounds: Array<{ segments?: { client: TurnStamps; server: TurnStamps } }>) =>
    describeSegments(rounds.flatMap((round) => (round.segments ? [round.segments] : [])));
  console.log(`${"turn segments µs, p50 (p90): bare".padEnd(34)} ${segmentsOf(bareRounds)}`);
  console.log(`${"                   Switchboard".padEnd(34)} ${segmentsOf(realRounds)}`);
}
console.log(
  `${"memory per session (heap+external)".padEnd(34)} ${kib(memory.heap)} (bare Socket.IO connection: ${kib(bareMemory.heap)}); rss ${kib(memory.rss)} (bare ${kib(bareMemory.rss)})`,
);
console.log(
  `${"conversations ended correctly".padEnd(34)} ${correct} / ${SESSIONS * ROUNDS} (goodbye, then end "completed", then server disconnect)`,
);
if (withDatabase) {
  console.log(
    `${"API requests during the turns".padEnd(34)} Switchboard ${realApi.requests} (${realApi.wrong} wrong, ${realApi.failed} failed); bare ${bareApi.requests} (${bareApi.wrong} wrong, ${bareApi.failed} failed)`,
  );
  for (const problem of [...realApi.problems, ...bareApi.problems].slice(0, 10)) console.log(`  ${problem}`);
}
console.log(`${"left after all ended".padEnd(34)} ${leftovers.map((leftover) => JSON.stringify(leftover)).join(" ")}`);
const loop = (value: Loop) =>
  `${value.active.toFixed(0)} ms (${(value.utilization * 100).toFixed(1)}%${value.cpuMs === undefined ? "" : `, CPU: main thread ${value.cpuMs} ms, process ${value.processCpuMs} ms, database processes ${value.childrenCpuMs} ms`})`;
for (let round = 0; round < ROUNDS; round += 1)
  console.log(
    `${`server event loop busy, round ${round + 1}`.padEnd(34)} bare ${loop(bareRounds[round]!.report)}, Switchboard ${loop(realRounds[round]!.report.loop)}`,
  );
for (let round = 0; round < ROUNDS; round += 1) {
  const connecting = (cpuMs: number | undefined) =>
    cpuMs === undefined ? "n/a" : `${cpuMs} ms (${((cpuMs * 1000) / SESSIONS).toFixed(0)} µs a caller)`;
  console.log(
    `${`connecting, main thread, round ${round + 1}`.padEnd(34)} bare ${connecting(bareRounds[round]!.memory.connectCpuMs)}, Switchboard ${connecting(realRounds[round]!.memory.connectCpuMs)}`,
  );
}

const checks = [
  ["End → disconnect p99 ≤ 10 ms", endLatency.p99 <= 10],
  ["turn round trip p50 ≤ 1.2× bare (median of the rounds)", ratios.p50 <= 1.2],
  ["turn round trip p99 ≤ 2× bare (median of the rounds)", ratios.p99 <= 2],
  ...(withDatabase && API_USERS > 0
    ? ([["API answers during the turns: none wrong or failed", realApi.requests > 0 && realApi.wrong + realApi.failed === 0]] as const)
    : []),
  ["memory per session ≤ 64 KiB", memory.heap <= 64 * 1024],
  ["every conversation ended correctly", correct === SESSIONS * ROUNDS],
  [
    "no session, socket or timer left",
    leftovers.every(
      (leftover) =>
        leftover.sessions === 0 &&
        leftover.sockets === 0 &&
        leftover.engineClients === 0 &&
        (leftover.timers ?? 0) <= (leftover.timersAtStart ?? 0),
    ),
  ],
] as const;
console.log();
for (const [label, ok] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${label}`);
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
