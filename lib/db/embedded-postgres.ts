import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { assertReachableBy, databaseUser } from "./database-user";
import { acquireDirectoryLock } from "./directory-lock";
import { postgresBinaries } from "./postgres-binaries";
import {
  CLUSTER_ROLE,
  clusterFiles,
  initialiseCluster,
  PortInUseError,
  startPostmaster,
  stopOrphanedPostmaster,
  type Postmaster,
} from "./postgres-cluster";

/** A real PostgreSQL owned by this process: its data in a folder of the state directory, served on loopback. */
export interface EmbeddedPostgres {
  /** A connection string for pg / adapter-pg: the cluster's role and generated password, on 127.0.0.1. */
  readonly url: string;
  /** The running postmaster's pid (it changes when the supervisor restarts it). */
  readonly pid: number;
  /** Stops PostgreSQL (fast shutdown) and releases the folder. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  log?: (line: string) => void;
  /**
   * Called when PostgreSQL died and could not be brought back: by default the process exits with code 1, so that a
   * supervisor (systemd, Docker, a terminal) sees it, rather than a server answering 500 with no database behind it.
   */
  onUnrecoverable?: (error: Error) => void;
}

/** The database the app uses inside the cluster. */
const DATABASE = "switchboard";
/** Restarts allowed within RESTART_WINDOW_MS before the supervisor gives up. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;
/** After a postmaster is killed its backends notice and exit within moments; until then a new one cannot start. */
const RESTART_ATTEMPTS = 40;
const RESTART_RETRY_MS = 250;

/**
 * Starts (creating it on first use) the embedded PostgreSQL in `folder`: the lock file makes this process its one
 * owner, a postmaster left running by a killed previous owner is stopped first, and PostgreSQL listens on a free
 * loopback port with password authentication. If PostgreSQL exits while in use, it is restarted on the same port
 * (connection pools reconnect by themselves); if that keeps failing, onUnrecoverable decides.
 */
export async function startEmbeddedPostgres(folder: string, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const log = options.log ?? ((line: string) => console.log(`[db] ${line}`));
  const onUnrecoverable =
    options.onUnrecoverable ??
    ((error: Error) => {
      console.error(`[db] FATAL: the embedded database is gone and could not be restarted: ${error.message}. Exiting.`);
      process.exit(1);
    });
  const lock = acquireDirectoryLock(path.resolve(folder));
  let postmaster: Postmaster;
  let port: number;
  let password: string;
  try {
    const user = databaseUser(log);
    const files = clusterFiles(path.resolve(folder), user);
    assertReachableBy(files.data, user);
    const binaries = await postgresBinaries();
    password = await initialiseCluster(files, binaries, user);
    await stopOrphanedPostmaster(files.data, log);
    ({ postmaster, port } = await startOnFreePort((free) => startPostmaster(files, binaries, user, free)));
    await ensureDatabase(urlFor(password, port, "postgres"));

    let stopping: Promise<void> | undefined;
    const restarts: number[] = [];
    const supervise = (running: Postmaster) => {
      void running.exited.then(async (exit) => {
        if (stopping) return;
        log(`PostgreSQL (pid ${running.pid}) exited unexpectedly (${exit.signal ?? `code ${exit.code}`}); restarting it`);
        const now = Date.now();
        restarts.push(now);
        while (restarts.length > 0 && (restarts[0] as number) < now - RESTART_WINDOW_MS) restarts.shift();
        if (restarts.length > MAX_RESTARTS) {
          onUnrecoverable(new Error(`PostgreSQL exited ${restarts.length} times within ${RESTART_WINDOW_MS / 1000} s`));
          return;
        }
        try {
          postmaster = await retry(
            () => startPostmaster(files, binaries, user, port),
            () => stopping !== undefined,
          );
        } catch (error) {
          if (!stopping) onUnrecoverable(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (stopping) {
          await postmaster.stop();
          return;
        }
        log(`PostgreSQL is back (pid ${postmaster.pid})`);
        supervise(postmaster);
      });
    };
    supervise(postmaster);

    return {
      url: urlFor(password, port, DATABASE),
      get pid() {
        return postmaster.pid;
      },
      stop: () =>
        (stopping ??= (async () => {
          try {
            await postmaster.stop();
          } finally {
            lock.release();
          }
        })()),
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function urlFor(password: string, port: number, database: string): string {
  // The password is base64url: nothing in it needs escaping in a URL.
  return `postgresql://${CLUSTER_ROLE}:${password}@127.0.0.1:${port}/${database}?sslmode=disable`;
}

/** Starts on a free port, trying another if the chosen one was taken in the moment between choosing and binding. */
async function startOnFreePort(start: (port: number) => Promise<Postmaster>): Promise<{ postmaster: Postmaster; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    try {
      return { postmaster: await start(port), port };
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= 5) throw error;
    }
  }
}

/** Retries a start while the previous postmaster's backends are still leaving (shared memory in use). */
async function retry(start: () => Promise<Postmaster>, cancelled: () => boolean): Promise<Postmaster> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= RESTART_ATTEMPTS || cancelled()) throw error;
      await new Promise((resolve) => setTimeout(resolve, RESTART_RETRY_MS));
    }
  }
}

function freeLoopbackPort(): Promise<number> {
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

/** Creates the app's database in a new cluster (initdb makes only `postgres`). */
async function ensureDatabase(maintenanceUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}
