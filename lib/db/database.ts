import path from "node:path";
import { stateDirectory } from "../config/state-directory";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { migrate } from "./migrate";
import { createPrismaClient, type Database } from "./prisma-client";
import { seed } from "./seed";

export type { Database } from "./prisma-client";

/** An open, migrated and seeded database, and how to close it. */
export interface OpenDatabase {
  db: Database;
  /** The connection string in use (the embedded server's loopback address when embedded). */
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** Where to find the database: a PostgreSQL URL, or else the embedded PostgreSQL in a folder of its own. */
export interface DatabaseOptions {
  databaseUrl?: string;
  /** The embedded cluster's folder when no URL is given. */
  dataDirectory?: string;
  /** The connection pool's size (default 10). */
  maxConnections?: number;
  log?: (line: string) => void;
  /** What to do when the embedded database dies for good (default: exit with code 1; see embedded-postgres.ts). */
  onUnrecoverable?: (error: Error) => void;
}

/** The options the app runs with: DATABASE_URL, else the embedded PostgreSQL in `<state directory>/postgres`. */
export function databaseOptionsFromEnv(): DatabaseOptions {
  const url = process.env.DATABASE_URL?.trim();
  return url ? { databaseUrl: url } : { dataDirectory: path.join(stateDirectory(), "postgres") };
}

/** Opens a database (starting the embedded one if no URL is given), applies pending migrations and seeds it. Not memoized. */
export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  const log = options.log ?? ((line: string) => console.log(`[db] ${line}`));
  if (options.databaseUrl) return prepare(options.databaseUrl, false, async () => undefined, log, options.maxConnections);
  const dataDirectory = options.dataDirectory;
  if (!dataDirectory) throw new Error("openDatabase needs a databaseUrl or a dataDirectory");
  const embedded = await startEmbeddedPostgres(dataDirectory, { log, onUnrecoverable: options.onUnrecoverable });
  log(`embedded PostgreSQL in ${dataDirectory}`);
  return prepare(embedded.url, true, () => embedded.stop(), log, options.maxConnections);
}

async function prepare(
  url: string,
  embedded: boolean,
  stopServer: () => Promise<void>,
  log: (line: string) => void,
  maxConnections: number | undefined,
): Promise<OpenDatabase> {
  let db: Database | undefined;
  try {
    await migrate(url, { log });
    db = createPrismaClient(url, { maxConnections });
    await seed(db);
  } catch (error) {
    await db?.$disconnect().catch(() => undefined);
    await stopServer();
    throw error;
  }
  const client = db;
  let closing: Promise<void> | undefined;
  return {
    db: client,
    url,
    embedded,
    close: () =>
      (closing ??= (async () => {
        try {
          await client.$disconnect();
        } finally {
          await stopServer();
        }
      })()),
  };
}

/*
 * Route handlers are bundled by Next.js while server.ts is not, so each holds its own copy of this module. A
 * well-known symbol on globalThis is the one place both find the same database (see lib/server/session-control.ts).
 */
const DATABASE_KEY = Symbol.for("switchboard.database");

type DatabaseHolder = { [DATABASE_KEY]?: Promise<OpenDatabase> };

/**
 * The process's database, opened on first use (from DATABASE_URL, else embedded), migrated and seeded.
 * The custom server awaits it before Next.js starts; route handlers call it lazily.
 */
export async function database(): Promise<Database> {
  return (await appDatabase()).db;
}

/** database() with its connection string, for work with a connection of its own (the session writer's thread). */
export async function appDatabase(): Promise<OpenDatabase> {
  const holder = globalThis as DatabaseHolder;
  const pending = (holder[DATABASE_KEY] ??= openDatabase(databaseOptionsFromEnv()));
  try {
    return await pending;
  } catch (error) {
    // Let the next call try again (e.g. after the other owner of the data directory stopped).
    if (holder[DATABASE_KEY] === pending) delete holder[DATABASE_KEY];
    throw error;
  }
}

/** Closes the process's database (shutdown, tests); the next database() call opens it again. */
export async function closeDatabase(): Promise<void> {
  const holder = globalThis as DatabaseHolder;
  const pending = holder[DATABASE_KEY];
  if (!pending) return;
  delete holder[DATABASE_KEY];
  const open = await pending.catch(() => undefined);
  await open?.close();
}
