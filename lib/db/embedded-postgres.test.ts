import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database";
import { databaseUser } from "./database-user";
import { DirectoryLockedError } from "./directory-lock";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { postgresBinaries } from "./postgres-binaries";

const quiet = () => undefined;
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function newFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), "sb-embedded-"));
  folders.push(folder);
  return folder;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const canConnect = (url: string) =>
  query(url, "SELECT 1").then(
    () => true,
    () => false,
  );

const postmasterPid = (folder: string) => Number(readFileSync(path.join(folder, "data", "postmaster.pid"), "utf8").split("\n")[0]);

describe("the embedded PostgreSQL", () => {
  it("is a real PostgreSQL on loopback only, with a generated password that a wrong one does not pass", async () => {
    const folder = newFolder();
    const server = await startEmbeddedPostgres(folder, { log: quiet });
    try {
      const url = new URL(server.url);
      expect(url.hostname).toBe("127.0.0.1");
      expect(url.password.length).toBeGreaterThanOrEqual(32);
      expect(await query(server.url, "SHOW server_version")).toEqual([{ server_version: expect.stringMatching(/^18\./) }]);
      expect(await query(server.url, "SHOW listen_addresses")).toEqual([{ listen_addresses: "127.0.0.1" }]);
      expect(statSync(path.join(folder, "password")).mode & 0o777).toBe(0o600);
      expect(statSync(path.join(folder, "data")).mode & 0o777).toBe(0o700);

      const forged = new URL(server.url);
      forged.password = "not-the-password";
      await expect(query(forged.toString(), "SELECT 1")).rejects.toThrow(/password authentication failed/);
      forged.username = "postgres";
      await expect(query(forged.toString(), "SELECT 1")).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
  });

  it("refuses a second owner of the folder while the first is open, and lets one in once it stopped", async () => {
    const folder = newFolder();
    const first = await startEmbeddedPostgres(folder, { log: quiet });
    await expect(startEmbeddedPostgres(folder, { log: quiet })).rejects.toBeInstanceOf(DirectoryLockedError);
    await first.stop();
    const second = await startEmbeddedPostgres(folder, { log: quiet });
    expect(await canConnect(second.url)).toBe(true);
    await second.stop();
  });

  it("does not outlive its owner: after kill -9 of the owning process PostgreSQL stops and the next owner starts", async () => {
    const folder = newFolder();
    const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(path.resolve("lib/db/embedded-postgres.ts"))});
      const server = await startEmbeddedPostgres(${JSON.stringify(folder)}, { log: () => undefined });
      console.log("pid " + server.pid);
    `;
    const owner = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      owner.stdout.on("data", (chunk: Buffer) => {
        const match = /pid (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      owner.on("exit", (code) => reject(new Error(`the owner exited with ${code}`)));
    });
    owner.removeAllListeners("exit");
    owner.kill("SIGKILL");

    await waitUntil(() => !isAlive(pid));
    const next = await startEmbeddedPostgres(folder, { log: quiet });
    expect(await canConnect(next.url)).toBe(true);
    await next.stop();
  });

  it("stops a PostgreSQL that a previous owner left running on its data directory, then starts its own", async () => {
    const folder = newFolder();
    const first = await startEmbeddedPostgres(folder, { log: quiet });
    const port = new URL(first.url).port;
    await first.stop();
    // An orphan as a machine without setpriv leaves it: a postmaster nobody owns, still serving the directory.
    const { postgres } = await postgresBinaries();
    const user = databaseUser(quiet);
    const orphan = spawn(
      postgres,
      ["-D", path.join(folder, "data"), "-p", port, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      {
        ...(user ? { uid: user.uid, gid: user.gid } : {}),
        detached: true,
        stdio: "ignore",
      },
    );
    orphan.unref();
    await waitUntil(() => canConnect(first.url));

    const lines: string[] = [];
    const second = await startEmbeddedPostgres(folder, { log: (line) => lines.push(line) });
    try {
      expect(isAlive(orphan.pid!)).toBe(false);
      expect(lines.join("\n")).toContain(`stopping the embedded PostgreSQL (pid ${orphan.pid})`);
      expect(await canConnect(second.url)).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it("restarts PostgreSQL on the same address when it is killed, and gives up loudly when it keeps dying", async () => {
    const folder = newFolder();
    const failures: Error[] = [];
    const lines: string[] = [];
    const server = await startEmbeddedPostgres(folder, {
      log: (line) => lines.push(line),
      onUnrecoverable: (error) => failures.push(error),
    });
    try {
      const first = server.pid;
      process.kill(first, "SIGKILL");
      await waitUntil(() => server.pid !== first && isAlive(server.pid));
      await waitUntil(() => canConnect(server.url));
      expect(postmasterPid(folder)).toBe(server.pid);
      expect(lines.join("\n")).toMatch(/exited unexpectedly \(SIGKILL\); restarting it/);
      expect(failures).toEqual([]);

      // Three more crashes within the minute: the fourth restart is not attempted.
      for (let crash = 0; crash < 3; crash++) {
        const pid = server.pid;
        process.kill(pid, "SIGKILL");
        await waitUntil(() => failures.length > 0 || (server.pid !== pid && isAlive(server.pid)));
        if (failures.length > 0) break;
        await waitUntil(() => canConnect(server.url));
      }
      expect(failures.map((error) => error.message)).toEqual([expect.stringMatching(/PostgreSQL exited 4 times within 60 s/)]);
    } finally {
      await server.stop();
    }
  });

  it("keeps its data across a close and reopen, and migrates and seeds only once", async () => {
    const folder = newFolder();
    const first = await openDatabase({ dataDirectory: folder, log: quiet });
    expect(first.embedded).toBe(true);
    const seeded = await first.db.flow.findMany({ select: { id: true, name: true } });
    expect(seeded.map((flow) => flow.name)).toEqual(["Appointment booking"]);
    await first.db.flow.update({ where: { id: seeded[0]!.id }, data: { name: "Renamed" } });
    await first.close();

    const started = performance.now();
    const second = await openDatabase({ dataDirectory: folder, log: quiet });
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
