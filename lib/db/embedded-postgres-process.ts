/**
 * The embedded database's own process (forked by embedded-postgres.ts): PGlite runs PostgreSQL in WebAssembly,
 * synchronously, on the thread that owns it; here that is not the app's event loop, so queries use the other core
 * and the sessions are not held up by them. It owns the data directory's lock, serves PGlite on a loopback port, and
 * stops (closing PGlite, releasing the lock) when asked, on SIGINT/SIGTERM, or when its parent goes away.
 *
 * Messages to the parent: `{ type: "ready", url }` or `{ type: "failed", error }` once; `{ type: "stop" }` from it.
 */
import { setPriority } from "node:os";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { acquireDirectoryLock, DirectoryLockedError, type DirectoryLock } from "./directory-lock";
import { EMBEDDED_MAX_CONNECTIONS, type EmbeddedFailure, type EmbeddedMessage } from "./embedded-postgres-protocol";

const dataDirectory = process.argv[2];
const send = (message: EmbeddedMessage) => process.send?.(message);

let lock: DirectoryLock | undefined;
let pglite: PGlite | undefined;
let server: PGLiteSocketServer | undefined;
let stopping: Promise<never> | undefined;

/** Closes what is open, releases the lock and exits; every way out goes through here. */
function stop(code: number): Promise<never> {
  return (stopping ??= (async () => {
    try {
      await server?.stop();
      await pglite?.close();
    } catch (error) {
      console.error("[db] stopping the embedded database failed:", error);
      code ||= 1;
    } finally {
      lock?.release();
    }
    process.exit(code);
  })());
}

// Without a parent nobody can use the database: no orphan may keep the port and the lock.
process.on("disconnect", () => void stop(0));
process.on("message", (message: { type?: string }) => {
  if (message?.type === "stop") void stop(0);
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(0));

/**
 * Live calls come first: on a machine short of cores the scheduler should give the core to the runtime's event loop
 * (and its callers) before this process, whose bulk work is the session log, which can wait. Queries still run at
 * once on an idle core; only when every core is busy do the editor's queries wait behind the calls. Nice 19 rather
 * than 10: with 1,000 calls on two cores the log's ~1 s of database CPU per 5,000 turns still added ~0.3× to the
 * turn round trip at nice 10, and next to nothing at 19 (bench:sessions). If lowering is refused, the database keeps
 * the normal priority.
 */
try {
  setPriority(19);
} catch {
  // Not permitted here: everything works, only without the hint.
}

try {
  if (!dataDirectory) throw new Error("embedded-postgres-process needs the data directory as its argument");
  lock = acquireDirectoryLock(dataDirectory);
  pglite = await PGlite.create(dataDirectory);
  server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  await server.start();
  // PGlite ignores the user, password and database name; sslmode=disable avoids a pointless SSL request.
  send({ type: "ready", url: `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable` });
} catch (error) {
  send({ type: "failed", error: describeFailure(error) });
  await stop(1);
}

function describeFailure(error: unknown): EmbeddedFailure {
  if (error instanceof DirectoryLockedError)
    return { kind: "locked", directory: error.directory, owner: error.owner, message: error.message };
  return { kind: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
