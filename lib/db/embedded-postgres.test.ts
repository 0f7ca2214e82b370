import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database";
import { DirectoryLockedError } from "./directory-lock";
import { startEmbeddedPostgres } from "./embedded-postgres";

/** The pid in the data directory's lock file: the embedded database's own process. */
const lockOwnerPid = (directory: string) => (JSON.parse(readFileSync(path.join(directory, "owner.lock"), "utf8")) as { pid: number }).pid;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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

  it("runs in a process of its own that owns the lock, and releases it on stop", async () => {
    const server = await startEmbeddedPostgres(directory);
    const pid = lockOwnerPid(directory);
    expect(pid).not.toBe(process.pid);
    await server.stop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(path.join(directory, "owner.lock"))).toBe(false);
  });

  it("stops when its parent dies, leaving neither a process nor the lock", async () => {
    const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(path.resolve("lib/db/embedded-postgres.ts"))});
      await startEmbeddedPostgres(${JSON.stringify(directory)});
      console.log("started");
    `;
    const parent = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      parent.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("started") && resolve());
      parent.on("exit", (code) => reject(new Error(`the parent exited with ${code}`)));
    });
    const pid = lockOwnerPid(directory);
    parent.removeAllListeners("exit");
    parent.kill("SIGKILL");

    await waitUntil(() => !isAlive(pid));
    expect(existsSync(path.join(directory, "owner.lock"))).toBe(false);
  });

  it("takes over the lock of an embedded database process that was killed", async () => {
    const first = await startEmbeddedPostgres(directory);
    const pid = lockOwnerPid(directory);
    process.kill(pid, "SIGKILL");
    await waitUntil(() => !isAlive(pid));
    await first.stop();
    expect(lockOwnerPid(directory)).toBe(pid);

    const second = await startEmbeddedPostgres(directory);
    try {
      expect(lockOwnerPid(directory)).not.toBe(pid);
    } finally {
      await second.stop();
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
