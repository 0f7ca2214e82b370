import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/** The migrations folder of this repository. */
export const MIGRATIONS_DIRECTORY = path.join(process.cwd(), "prisma", "migrations");

/*
 * The advisory lock key Prisma Migrate itself takes, so this runner and `prisma migrate deploy` (on a machine
 * that has the native engine) never apply migrations to the same database at the same time.
 */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Prisma's own DDL for its bookkeeping table, so a database migrated here is one Prisma recognizes.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** One migration folder: its name and SQL. */
export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma records it. */
  checksum: string;
}

/** What a run did. */
export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/** A migration failed; it was rolled back and not recorded. */
export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`Migration ${migration} failed and was rolled back: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "MigrationError";
  }
}

/**
 * Reads `<directory>/<name>/migration.sql` in name (timestamp) order. The turbopackIgnore hints keep Next.js from
 * tracing the whole project into route handlers because of these dynamic paths; the app runs from the repository
 * (server.ts), where prisma/migrations sits beside it.
 */
export function readMigrations(directory = MIGRATIONS_DIRECTORY): MigrationFile[] {
  return readdirSync(/*turbopackIgnore: true*/ directory)
    .filter((name) => statSync(path.join(/*turbopackIgnore: true*/ directory, name)).isDirectory())
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(/*turbopackIgnore: true*/ directory, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies the migrations a database lacks, in order, each in its own transaction, under Prisma's advisory lock,
 * recording each in `_prisma_migrations` as Prisma Migrate does. A failing migration is rolled back, not recorded,
 * and stops the run. Migrations must therefore be transactional (no CREATE INDEX CONCURRENTLY).
 */
export async function migrate(
  connectionString: string,
  options: { directory?: string; log?: (line: string) => void } = {},
): Promise<MigrationReport> {
  const migrations = readMigrations(options.directory);
  const log = options.log ?? (() => undefined);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      return await applyPending(client, migrations, log);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function applyPending(client: pg.Client, migrations: MigrationFile[], log: (line: string) => void): Promise<MigrationReport> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  const unfinished = rows.find((row) => row.finished_at === null);
  if (unfinished) {
    // Left by `prisma migrate deploy` after a failure: Prisma refuses to go on too (P3009).
    throw new Error(
      `Migration ${unfinished.migration_name} is recorded as started but not finished. Fix the database, then mark it ` +
        `with \`prisma migrate resolve --rolled-back ${unfinished.migration_name}\` or delete its _prisma_migrations row.`,
    );
  }
  const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) log(`warning: migration ${migration.name} was edited after it was applied`);
      report.alreadyApplied.push(migration.name);
      continue;
    }
    if (await applyOne(client, migration)) {
      log(`applied ${migration.name}`);
      report.applied.push(migration.name);
    } else {
      report.alreadyApplied.push(migration.name);
    }
  }
  return report;
}

/** Applies one migration in a transaction; false when another run applied it meanwhile. */
async function applyOne(client: pg.Client, migration: MigrationFile): Promise<boolean> {
  const startedAt = new Date();
  await client.query("BEGIN");
  try {
    // Under the advisory lock nobody else applies migrations; checking again costs nothing and guards a lock-less runner.
    const recorded = await client.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND rolled_back_at IS NULL`, [
      migration.name,
    ]);
    if (recorded.rowCount) {
      await client.query("COMMIT");
      return false;
    }
    // The simple query protocol (no parameters) runs a multi-statement script.
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt],
    );
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw new MigrationError(migration.name, error);
  }
}
