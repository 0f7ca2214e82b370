import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIRECTORY, migrate, MigrationError, readMigrations } from "./migrate";
import { createEmptyDatabase, postgresSkipReason, testDatabaseKinds, type EmptyTestDatabase } from "./test-databases";

async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

function migrationsFolder(migrations: Record<string, string>): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), "sb-migrations-"));
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(path.join(directory, name));
    writeFileSync(path.join(directory, name, "migration.sql"), sql);
  }
  return directory;
}

describe("readMigrations", () => {
  it("reads the repository's migrations in order with sha256 checksums of the files", () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.name)).toEqual([...migrations.map((m) => m.name)].sort());
    const first = migrations[0]!;
    const bytes = readFileSync(path.join(MIGRATIONS_DIRECTORY, first.name, "migration.sql"));
    expect(first.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
  });
});

for (const kind of testDatabaseKinds) {
  const skip = kind === "postgres" ? postgresSkipReason() : undefined;
  if (skip) console.warn(`[test] migrate: ${skip}`);

  describe.skipIf(skip !== undefined)(`migrate (${kind})`, () => {
    const cleanups: Array<() => Promise<void> | void> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    async function emptyDatabase(): Promise<EmptyTestDatabase> {
      const database = await createEmptyDatabase(kind);
      cleanups.push(() => database.close());
      return database;
    }

    it("applies every migration once, records it as Prisma does, and does nothing the second time", async () => {
      const { url } = await emptyDatabase();
      const expected = readMigrations();

      const first = await migrate(url);
      expect(first.applied).toEqual(expected.map((m) => m.name));
      const second = await migrate(url);
      expect(second).toEqual({ applied: [], alreadyApplied: expected.map((m) => m.name) });

      const rows = await query<{
        id: string;
        checksum: string;
        migration_name: string;
        finished_at: Date | null;
        applied_steps_count: number;
      }>(url, `SELECT id, checksum, migration_name, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
      expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(expected.map((m) => [m.name, m.checksum]));
      for (const row of rows) {
        expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.applied_steps_count).toBe(1);
      }
      const tables = await query<{ table_name: string }>(
        url,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.map((t) => t.table_name).sort()).toEqual([
        "Account",
        "AuthSession",
        "Flow",
        "FlowChange",
        "FlowCollabState",
        "FlowShareLink",
        "FlowVersion",
        "Invitation",
        "Membership",
        "RateLimit",
        "RuntimeLease",
        "Session",
        "SessionEventChunk",
        "User",
        "Verification",
        "Workspace",
        "_prisma_migrations",
      ]);
    });

    it("moves a session log written one row per event into one stretch per event, as the recorder reads it", async () => {
      const { url } = await emptyDatabase();
      const before = readMigrations().filter((migration) => migration.name < "20261208000000_session_event_chunks");
      const directory = migrationsFolder(
        Object.fromEntries(before.map((m) => [m.name, readFileSync(path.join(MIGRATIONS_DIRECTORY, m.name, "migration.sql"), "utf8")])),
      );
      cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
      await migrate(url, { directory });
      await query(
        url,
        `INSERT INTO "SessionEvent" ("sessionId", "seq", "type", "at", "data") VALUES
          ('s-1', 1, 'session.started', '2026-01-01T10:00:00.001Z', '{"type": "session.started", "meta": {"transport": "memory"}}'),
          ('s-1', 2, 'utterance', '2026-01-01T10:00:00.250Z', '{"type": "utterance", "text": "hello"}')`,
      );

      expect((await migrate(url)).applied).toEqual(["20261208000000_session_event_chunks"]);
      const chunks = await query<{ sessionId: string; firstSeq: number; lastSeq: number; at: Date; events: unknown }>(
        url,
        `SELECT "sessionId", "firstSeq", "lastSeq", "at", "events" FROM "SessionEventChunk" ORDER BY "firstSeq"`,
      );
      expect(chunks).toEqual([
        {
          sessionId: "s-1",
          firstSeq: 1,
          lastSeq: 1,
          at: new Date("2026-01-01T10:00:00.001Z"),
          events: [{ type: "session.started", meta: { transport: "memory" }, seq: 1, at: Date.parse("2026-01-01T10:00:00.001Z") }],
        },
        {
          sessionId: "s-1",
          firstSeq: 2,
          lastSeq: 2,
          at: new Date("2026-01-01T10:00:00.250Z"),
          events: [{ type: "utterance", text: "hello", seq: 2, at: Date.parse("2026-01-01T10:00:00.250Z") }],
        },
      ]);
    });

    it("rolls back a failing migration, records nothing for it, and keeps the ones before it", async () => {
      const { url } = await emptyDatabase();
      const directory = migrationsFolder({
        "20260101000000_good": `CREATE TABLE "Good" ("id" TEXT PRIMARY KEY);`,
        "20260102000000_bad": `CREATE TABLE "Half" ("id" TEXT PRIMARY KEY);\nSELECT * FROM "DoesNotExist";`,
        "20260103000000_after": `CREATE TABLE "After" ("id" TEXT PRIMARY KEY);`,
      });
      cleanups.push(() => rmSync(directory, { recursive: true, force: true }));

      const failure = await migrate(url, { directory }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as MigrationError).migration).toBe("20260102000000_bad");

      const recorded = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
      expect(recorded.map((row) => row.migration_name)).toEqual(["20260101000000_good"]);
      const tables = await query<{ table_name: string }>(
        url,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.map((t) => t.table_name).sort()).toEqual(["Good", "_prisma_migrations"]);

      // Fixed, the run goes on from the failed migration.
      writeFileSync(path.join(directory, "20260102000000_bad", "migration.sql"), `CREATE TABLE "Half" ("id" TEXT PRIMARY KEY);`);
      const retry = await migrate(url, { directory });
      expect(retry.applied).toEqual(["20260102000000_bad", "20260103000000_after"]);
    });

    it("lets concurrent runs apply each migration exactly once", async () => {
      const { url } = await emptyDatabase();
      const reports = await Promise.all([migrate(url), migrate(url), migrate(url)]);
      const appliedTotal = reports.flatMap((report) => report.applied);
      expect(appliedTotal.sort()).toEqual(readMigrations().map((m) => m.name));
      const rows = await query<{ n: string }>(url, `SELECT count(*)::text AS n FROM "_prisma_migrations"`);
      expect(rows[0]?.n).toBe(String(readMigrations().length));
    });
  });
}
