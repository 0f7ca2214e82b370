import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database";
import { DirectoryLockedError } from "./directory-lock";
import { startEmbeddedPostgres } from "./embedded-postgres";

describe("embedded PostgreSQL (PGlite)", () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), "sb-embedded-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const quiet = () => undefined;

  it("refuses a second owner of the data directory while the first is open", async () => {
    const first = await startEmbeddedPostgres(directory);
    try {
      await expect(startEmbeddedPostgres(directory)).rejects.toBeInstanceOf(DirectoryLockedError);
    } finally {
      await first.stop();
    }
  });

  it("keeps its data across a close and reopen, and migrates and seeds only once", async () => {
    const first = await openDatabase({ dataDirectory: directory, log: quiet });
    expect(first.embedded).toBe(true);
    const seeded = await first.db.flow.findMany({ select: { id: true, name: true } });
    expect(seeded.map((flow) => flow.name)).toEqual(["Appointment booking"]);
    await first.db.flow.update({ where: { id: seeded[0]!.id }, data: { name: "Renamed" } });
    await first.close();

    const started = performance.now();
    const second = await openDatabase({ dataDirectory: directory, log: quiet });
    const reopenMs = performance.now() - started;
    try {
      const flows = await second.db.flow.findMany({ select: { name: true } });
      expect(flows.map((flow) => flow.name)).toEqual(["Renamed"]);
      console.info(`[measure] reopening a migrated embedded database took ${reopenMs.toFixed(0)} ms`);
    } finally {
      await second.close();
    }
  });
});
