import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { acquireDirectoryLock } from "./directory-lock";

/** A PGlite database served over the Postgres wire protocol on loopback. */
export interface EmbeddedPostgres {
  /** A connection string for pg / adapter-pg. */
  readonly url: string;
  /** How many connections the server accepts; a pool must stay below it. */
  readonly maxConnections: number;
  stop(): Promise<void>;
}

/*
 * PGlite runs one query at a time whatever the number of connections; several connections let pg's pool reconnect
 * after an error (with one, the reconnect is refused) and let a transaction wait its turn. Connections are cheap
 * sockets, so the limit is generous: the app's pool, the migration runner and a test's own client fit together.
 */
const MAX_CONNECTIONS = 32;

/**
 * Opens (or creates) the PGlite data directory, owned by this process alone, and serves it on a free loopback port,
 * so the app reaches it with the same adapter-pg code as a real PostgreSQL.
 */
export async function startEmbeddedPostgres(dataDirectory: string): Promise<EmbeddedPostgres> {
  const lock = acquireDirectoryLock(dataDirectory);
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(dataDirectory);
    const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections: MAX_CONNECTIONS });
    await server.start();
    const db = pglite;
    let stopped: Promise<void> | undefined;
    return {
      // PGlite ignores the user, password and database name; sslmode=disable avoids a pointless SSL request.
      url: `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`,
      maxConnections: MAX_CONNECTIONS,
      stop: () =>
        (stopped ??= (async () => {
          try {
            await server.stop();
            await db.close();
          } finally {
            lock.release();
          }
        })()),
    };
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
}
