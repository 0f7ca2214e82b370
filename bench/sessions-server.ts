/**
 * The server side of the sessions benchmark, in its own process like a real deployment. Mode `switchboard` runs the
 * product as `npm run serve` composes it (editor and API, runtime, session recorder, the embedded PostgreSQL), or with
 * --no-db only the runtime on an in-memory flow; mode `echo` is a bare Socket.IO server that answers each utterance at
 * once, beside a bare HTTP API (bare-api.ts) for the same API traffic.
 * It talks to the parent over IPC: ready (port), memory snapshots, end times, leftovers.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Server } from "socket.io";
import { LOCAL_WORKSPACE } from "../lib/auth/local-user";
import { issueSessionToken } from "../lib/auth/session-token";
import { RuntimeEvents } from "../lib/runtime/session-events";
import { attachRuntimeServer, type RuntimeServer } from "../lib/server/runtime-server";
import { InMemoryFlowLookup } from "../lib/testing/in-memory-flow-lookup";
import { bareApi } from "./bare-api";
import { echoUntilByeFlow } from "./sessions-flow";
import { stampServerTurns } from "./turn-segments";

const SECRET = "bench-secret-bench-secret-bench-secret-01";
const mode = process.argv[2] === "echo" ? "echo" : "switchboard";
const withDatabase = !process.argv.includes("--no-db");
const send = (message: unknown) => process.send?.(message);
const wallClockMs = () => performance.timeOrigin + performance.now();

function memory() {
  global.gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external, arrayBuffers: usage.arrayBuffers };
}

let port: number;
let runtime: RuntimeServer | undefined;
let io: Server;
let flush = async () => {};
let stopServer = async () => {};
/** The flow the callers run, and how they get a session token: from the API, or (no database) signed here. */
let flowId = "bench-flow";
/** The signed-in user's cookie that the API traffic and the token requests carry (the product's API only). */
let cookie = "";
let localToken: (() => Promise<string>) | undefined;
const endedAt = new Map<string, number>();

if (mode === "switchboard" && withDatabase) {
  // The product as `npm run serve` composes it: editor and API (Next.js), runtime, recorder, the embedded database.
  const { startServer } = await import("../lib/server/start-server");
  const { database } = await import("../lib/db/database");
  const { createFlow } = await import("../lib/flows/flow-repository");
  const { signUpOverHttp } = await import("../lib/testing/signed-in");
  const server = await startServer({ port: 0, hostname: "127.0.0.1", withEditor: true, dev: false });
  cookie = (await signUpOverHttp(server.url, { name: "Benchmark user" })).cookie;
  flowId = (await createFlow(await database(), LOCAL_WORKSPACE.id, { name: "Bench echo", graph: echoUntilByeFlow() })).id;
  runtime = server.runtime;
  io = runtime.io;
  port = Number(new URL(server.url).port);
  flush = () => server.flushSessionLog();
  stopServer = () => server.stop();
} else if (mode === "switchboard") {
  const httpServer = createServer();
  const lookup = new InMemoryFlowLookup();
  lookup.put("bench-workspace", flowId, echoUntilByeFlow());
  runtime = await attachRuntimeServer({ httpServer, lookup, secret: () => SECRET, events: new RuntimeEvents(), maxSessions: 100_000 });
  io = runtime.io;
  localToken = async () => (await issueSessionToken({ sub: "bench-user", workspaceId: "bench-workspace", flowId }, SECRET)).token;
  stopServer = () => runtime?.shutdown() ?? Promise.resolve();
  port = await listen(httpServer);
} else {
  const httpServer = createServer(bareApi());
  io = new Server(httpServer, { serveClient: false });
  io.on("connection", (socket) => {
    socket.emit("session", { sessionId: socket.id });
    socket.on("utterance", (payload: { text?: unknown }) => socket.emit("reply", { text: `You said: ${String(payload?.text)}` }));
  });
  port = await listen(httpServer);
}
const turnStamps = process.argv.includes("--segments") ? stampServerTurns(io) : undefined;
runtime?.events.subscribe((sessionId, event) => {
  if (event.type === "session.ended") endedAt.set(sessionId, wallClockMs());
});

const baseline = memory();
const timersAtStart = process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
// The main thread's CPU from here to the memory snapshot: every caller connecting (its token, handshake, greeting).
const cpuAtReady = mainThreadCpuMs();
send({ type: "ready", port, flowId, api: withDatabase, cookie });

/**
 * CPU time of this process's main thread (the event loop), in ms: Linux only (its /proc task stat; clock ticks of
 * 10 ms). Unlike the event loop's busy time it does not grow when other threads or processes take the core.
 */
function mainThreadCpuMs(): number | undefined {
  return procStat(`/proc/self/task/${process.pid}/stat`)?.cpuMs;
}

/** The parent pid and user + system CPU (ms) of a /proc stat file (a process: all its threads; a task: one thread). */
function procStat(statFile: string): { parentPid: number; cpuMs: number } | undefined {
  try {
    const fields = readFileSync(statFile, "utf8").split(") ")[1]!.split(" ");
    return { parentPid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}

/**
 * CPU of the whole server: this process (every thread: the event loop, the session writer) and its child processes
 * (the embedded database), in ms. The machine has two cores; what the database takes, the sessions wait for.
 */
function serverCpuMs(): { process?: number; children?: number } {
  // Every descendant: PostgreSQL's backends are the postmaster's children, not this process's.
  const stats = new Map<number, { parentPid: number; cpuMs: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(`/proc/${entry}/stat`);
    if (stat) stats.set(Number(entry), stat);
  }
  const descends = (pid: number): boolean => {
    for (let parent = stats.get(pid)?.parentPid; parent !== undefined && parent > 1; parent = stats.get(parent)?.parentPid) {
      if (parent === process.pid) return true;
    }
    return false;
  };
  let children = 0;
  for (const [pid, stat] of stats) if (descends(pid)) children += stat.cpuMs;
  return { process: procStat("/proc/self/stat")?.cpuMs, children };
}

// The event loop's busy time from the memory snapshot (all sessions open) to the report (all ended): the turns.
let loopAtTurns = performance.eventLoopUtilization();
let cpuAtTurns = mainThreadCpuMs();
let serverCpuAtTurns = serverCpuMs();
const since = (now: number | undefined, then: number | undefined) => (now === undefined || then === undefined ? undefined : now - then);
const loopSinceTurns = () => {
  const cpu = mainThreadCpuMs();
  const server = serverCpuMs();
  return {
    ...performance.eventLoopUtilization(loopAtTurns),
    cpuMs: since(cpu, cpuAtTurns),
    processCpuMs: since(server.process, serverCpuAtTurns.process),
    childrenCpuMs: since(server.children, serverCpuAtTurns.children),
  };
};
process.on("message", async (message: { type: string }) => {
  if (message.type === "memory") {
    const connectCpuMs = since(mainThreadCpuMs(), cpuAtReady);
    send({ type: "memory", baseline, now: memory(), sockets: io.of("/").sockets.size, connectCpuMs });
    loopAtTurns = performance.eventLoopUtilization();
    cpuAtTurns = mainThreadCpuMs();
    serverCpuAtTurns = serverCpuMs();
  }
  if (message.type === "loop") send({ type: "loop", ...loopSinceTurns() });
  if (message.type === "segments") send({ type: "segments", stamps: turnStamps ?? {} });
  if (message.type === "report") {
    const loop = loopSinceTurns();
    await flush();
    // Let closing WebSocket handshakes finish before counting what is left, and the database pool's idle connections
    // time out (pg closes an idle one after 10 s; each holds a timer until then): a session's timers go at its end.
    const timerCount = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let waited = 0; timerCount() > timersAtStart && waited < 12_000; waited += 250)
      await new Promise((resolve) => setTimeout(resolve, 250));
    const timers = timerCount();
    send({
      type: "report",
      loop,
      endedAt: Object.fromEntries(endedAt),
      leftover: {
        sessions: runtime?.registry.size ?? 0,
        sockets: io.of("/").sockets.size,
        engineClients: io.engine.clientsCount,
        timers,
        timersAtStart,
      },
    });
  }
  // The echo server checks no token: its callers get an empty one, and an answer, so they do not wait forever.
  if (message.type === "token") void (localToken?.() ?? Promise.resolve("")).then((token) => send({ type: "token", token }));
  if (message.type === "stop") {
    await stopServer();
    process.exit(0);
  }
});

function listen(server: HttpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}
