/**
 * The server side of the sessions benchmark, in its own process like a real deployment. Mode `switchboard`
 * runs the real runtime (Socket.IO transport, sessions, flow engine, and the session recorder on an embedded
 * database unless --no-db); mode `echo` is a bare Socket.IO server that answers each utterance at once.
 * It talks to the parent over IPC: ready (port), memory snapshots, end times, leftovers.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Server } from "socket.io";
import { issueSessionToken } from "../lib/auth/session-token";
import { RuntimeEvents } from "../lib/runtime/session-events";
import { attachRuntimeServer, type RuntimeServer } from "../lib/server/runtime-server";
import { InMemoryFlowLookup } from "../lib/testing/in-memory-flow-lookup";
import { echoUntilByeFlow } from "./sessions-flow";

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

const httpServer = createServer();
let runtime: RuntimeServer | undefined;
let io: Server;
let flush = async () => {};
let closeDb = async () => {};
const endedAt = new Map<string, number>();

if (mode === "switchboard") {
  const lookup = new InMemoryFlowLookup();
  lookup.put("bench-user", "bench-flow", echoUntilByeFlow());
  const events = new RuntimeEvents();
  if (withDatabase) {
    const { appDatabase, closeDatabase } = await import("../lib/db/database");
    const { createSessionRecorder } = await import("../lib/sessions/session-recorder");
    const { sessionWriterThread } = await import("../lib/sessions/session-writer-thread");
    // As lib/server/start-server.ts composes it: the writes go through a thread of their own.
    const opened = await appDatabase();
    const recorder = createSessionRecorder(opened.db, { writer: sessionWriterThread(opened.url) });
    events.subscribe(recorder.listener);
    flush = () => recorder.flush();
    closeDb = () => recorder.close().then(() => closeDatabase());
  }
  events.subscribe((sessionId, event) => {
    if (event.type === "session.ended") endedAt.set(sessionId, wallClockMs());
  });
  runtime = await attachRuntimeServer({ httpServer, lookup, secret: () => SECRET, events, maxSessions: 100_000 });
  io = runtime.io;
} else {
  io = new Server(httpServer, { serveClient: false });
  io.on("connection", (socket) => {
    socket.emit("session", { sessionId: socket.id });
    socket.on("utterance", (payload: { text?: unknown }) => socket.emit("reply", { text: `You said: ${String(payload?.text)}` }));
  });
}

await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
const baseline = memory();
const timersAtStart = process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
send({
  type: "ready",
  port: (httpServer.address() as AddressInfo).port,
  token: issueSessionToken({ sub: "bench-user", flowId: "bench-flow" }, SECRET, undefined, 3600).token,
});

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
  let children = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(`/proc/${entry}/stat`);
    if (stat?.parentPid === process.pid) children += stat.cpuMs;
  }
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
    send({ type: "memory", baseline, now: memory(), sockets: io.of("/").sockets.size });
    loopAtTurns = performance.eventLoopUtilization();
    cpuAtTurns = mainThreadCpuMs();
    serverCpuAtTurns = serverCpuMs();
  }
  if (message.type === "loop") send({ type: "loop", ...loopSinceTurns() });
  if (message.type === "report") {
    const loop = loopSinceTurns();
    await flush();
    // Let closing WebSocket handshakes finish before counting what is left.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const timers = process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
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
  if (message.type === "stop") {
    await runtime?.shutdown();
    await closeDb();
    process.exit(0);
  }
});
