import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { openDatabase, type OpenDatabase } from "./database";

/** The two databases the app runs on; tests that touch the database run against both. */
export type TestDatabaseKind = "embedded" | "postgres";
export const testDatabaseKinds: readonly TestDatabaseKind[] = ["embedded", "postgres"];

/** A fresh, migrated and seeded database that exists only for one test file. */
export interface TestDatabase extends OpenDatabase {
  kind: TestDatabaseKind;
}

const quiet = () => undefined;

/**
 * Why the real-PostgreSQL tests cannot run, or undefined when they can. In CI a missing TEST_DATABASE_URL is not a
 * reason to skip: createTestDatabase then fails loudly, so CI never passes without having tested PostgreSQL.
 */
export function postgresSkipReason(): string | undefined {
  if (process.env.TEST_DATABASE_URL || process.env.CI) return undefined;
  return "TEST_DATABASE_URL is not set: skipping the real-PostgreSQL tests (see lib/db/README.md)";
}

/** An empty database (no migrations) reachable at `url`; close() deletes it. For tests of migrations themselves. */
export interface EmptyTestDatabase {
  kind: TestDatabaseKind;
  url: string;
  close(): Promise<void>;
}

/** Creates an empty database of the given kind: a new database on the test run's embedded cluster, or on TEST_DATABASE_URL. */
export async function createEmptyDatabase(kind: TestDatabaseKind): Promise<EmptyTestDatabase> {
  return createEmptyOn(kind, kind === "embedded" ? inject("embeddedAdminUrl") : postgresAdminUrl());
}

/** Creates a fresh database of the given kind, migrated and seeded. Close it to delete it. */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  const empty = await createEmptyDatabase(kind);
  try {
    const open = await openDatabase({ databaseUrl: empty.url, log: quiet, maxConnections: 10 });
    return { ...open, kind, embedded: kind === "embedded", close: () => open.close().finally(() => empty.close()) };
  } catch (error) {
    await empty.close();
    throw error;
  }
}

function postgresAdminUrl(): string {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    throw new Error(
      "TEST_DATABASE_URL is not set, and CI must test against a real PostgreSQL. Start one and set it, e.g. " +
        "TEST_DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/postgres (see lib/db/README.md)",
    );
  }
  return adminUrl;
}

/** A database of its own for one test file, on a server of the given kind; close() drops it. */
async function createEmptyOn(kind: TestDatabaseKind, adminUrl: string): Promise<EmptyTestDatabase> {
  const name = `sb_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { kind, url: url.toString(), close: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Declares the same suite once per database kind, each with its own fresh database for the file. `current()` gives
 * the database inside tests. Real PostgreSQL is skipped with a notice only outside CI when TEST_DATABASE_URL is unset.
 */
export function describeEachDatabase(title: string, body: (current: () => TestDatabase, kind: TestDatabaseKind) => void): void {
  for (const kind of testDatabaseKinds) {
    const skip = kind === "postgres" ? postgresSkipReason() : undefined;
    if (skip) console.warn(`[test] ${title}: ${skip}`);
    describe.skipIf(skip !== undefined)(`${title} (${kind})`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await database?.close();
      });
      body(() => {
        if (!database) throw new Error("The test database is not open yet (use it inside tests or hooks)");
        return database;
      }, kind);
    });
  }
}
