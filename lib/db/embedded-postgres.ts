import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DirectoryLockedError } from "./directory-lock";
import { EMBEDDED_MAX_CONNECTIONS, type EmbeddedMessage } from "./embedded-postgres-protocol";

/** A PGlite database served over the Postgres wire protocol on loopback. */
export interface EmbeddedPostgres {
  /** A connection string for pg / adapter-pg. */
  readonly url: string;
  /** How many connections the server accepts; a pool must stay below it. */
  readonly maxConnections: number;
  stop(): Promise<void>;
}

/** After this long a stop request is followed by SIGKILL (the lock of a dead process is taken over by the next owner). */
const STOP_TIMEOUT_MS = 10_000;

/**
 * Opens (or creates) the PGlite data directory in a process of its own, which alone owns the directory (its lock) and
 * serves it on a free loopback port, so the app reaches it with the same adapter-pg code as a real PostgreSQL.
 * PGlite executes queries synchronously on its thread; in the app's process that was the event loop every session
 * shares. The process stops with stop(), and by itself when this one exits or dies.
 */
export async function startEmbeddedPostgres(dataDirectory: string): Promise<EmbeddedPostgres> {
  /*
   * Imported at run time, unseen by the bundler: Next.js bundles this module into route handlers (which use the
   * database server.ts opened), and Turbopack would otherwise trace fork()'s entry and tsx (esbuild's binary with it)
   * into them, and fail.
   */
  const { fork } = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "node:child_process");
  const { createRequire } = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "node:module");
  const child = fork(childEntry(), [path.resolve(dataDirectory)], {
    // tsx loads the TypeScript entry in production too (`npm run serve` runs through tsx).
    execArgv: ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href],
    // Its own process group: a Ctrl-C in the terminal reaches the app, which flushes its writes, then stops this.
    detached: true,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.on("message", (message: EmbeddedMessage) => {
      if (message.type === "ready") resolve(message.url);
      else if (message.error.kind === "locked") reject(new DirectoryLockedError(message.error.directory, message.error.owner));
      else reject(new Error(`The embedded database did not start: ${message.error.message}`));
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => reject(new Error(`The embedded database process exited (${signal ?? code}) before it was ready`)));
  }).catch(async (error: unknown) => {
    await stopChild(child, exited);
    throw error;
  });
  let stopped: Promise<void> | undefined;
  child.once("exit", (code, signal) => {
    if (!stopped) console.error(`[db] the embedded database process exited unexpectedly (${signal ?? code})`);
  });
  return { url, maxConnections: EMBEDDED_MAX_CONNECTIONS, stop: () => (stopped ??= stopChild(child, exited)) };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // With a callback a send racing the channel's close is not an unhandled 'error' event; the timeout covers it.
  if (child.connected) child.send({ type: "stop" }, () => undefined);
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

function childEntry(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), "embedded-postgres-process.ts");
}
