import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, database } from "./database";
import { acquireDirectoryLock, DirectoryLockedError } from "./directory-lock";

describe("database()", () => {
  const stateDirectory = mkdtempSync(path.join(os.tmpdir(), "sb-state-"));
  // As a project folder is: the embedded database's unprivileged account (when run as root) must pass through it.
  chmodSync(stateDirectory, 0o755);
  const saved = { url: process.env.DATABASE_URL, state: process.env.SWITCHBOARD_STATE_DIR };
  beforeAll(async () => {
    await closeDatabase();
    delete process.env.DATABASE_URL;
    process.env.SWITCHBOARD_STATE_DIR = stateDirectory;
  });
  afterAll(async () => {
    await closeDatabase();
    for (const [key, value] of [
      ["DATABASE_URL", saved.url],
      ["SWITCHBOARD_STATE_DIR", saved.state],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(stateDirectory, { recursive: true, force: true });
  });

  it("does not memoize a failure: refused while another owner holds the data directory, fine once it is released", async () => {
    const held = acquireDirectoryLock(path.join(stateDirectory, "postgres"));
    await expect(database()).rejects.toBeInstanceOf(DirectoryLockedError);
    held.release();

    const started = performance.now();
    const [first, second] = await Promise.all([database(), database()]);
    console.info(`[measure] first open of a new embedded database (create, migrate, seed): ${(performance.now() - started).toFixed(0)} ms`);
    expect(first).toBe(second);
    expect(await first.flow.count()).toBe(1);
  });

  it("shares one database through globalThis, and opens it again after closeDatabase()", async () => {
    const db = await database();
    const holder: Record<symbol, Promise<{ db: unknown; embedded: boolean }> | undefined> = globalThis;
    const shared = await holder[Symbol.for("switchboard.database")];
    expect(shared?.db).toBe(db);
    expect(shared?.embedded).toBe(true);

    await closeDatabase();
    expect(holder[Symbol.for("switchboard.database")]).toBeUndefined();
    const reopened = await database();
    expect(reopened).not.toBe(db);
    expect(await reopened.user.findUnique({ where: { id: "local" } })).not.toBeNull();
  });
});
