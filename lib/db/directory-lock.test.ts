import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDirectoryLock, DirectoryLockedError } from "./directory-lock";

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});
function tempDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), "sb-lock-"));
  directories.push(directory);
  return directory;
}

/** Starts a child process holding the lock; resolves once it does. */
async function lockInChild(directory: string): Promise<{ pid: number; kill(): Promise<void> }> {
  const script = `
    const { acquireDirectoryLock } = await import(${JSON.stringify(path.resolve("lib/db/directory-lock.ts"))});
    acquireDirectoryLock(${JSON.stringify(directory)});
    console.log("locked");
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    child.on("exit", (code) => reject(new Error(`the child exited with ${code}`)));
  });
  const pid = child.pid!;
  return {
    pid,
    kill: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.on("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

describe("acquireDirectoryLock", () => {
  it("writes the owner's pid and start time, and removes the file on release", () => {
    const directory = tempDirectory();
    const lock = acquireDirectoryLock(directory);
    const owner = JSON.parse(readFileSync(lock.file, "utf8")) as { pid: number; startedAt: string };
    expect(owner.pid).toBe(process.pid);
    expect(Date.parse(owner.startedAt)).not.toBeNaN();
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    lock.release();
  });

  it("refuses a second owner in the same process", () => {
    const directory = tempDirectory();
    const lock = acquireDirectoryLock(directory);
    try {
      expect(() => acquireDirectoryLock(directory)).toThrow(DirectoryLockedError);
    } finally {
      lock.release();
    }
  });

  it("refuses while another live process owns it, naming that process, and takes over once it died", async () => {
    const directory = tempDirectory();
    const child = await lockInChild(directory);
    let refused: unknown;
    try {
      acquireDirectoryLock(directory);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DirectoryLockedError);
    expect((refused as DirectoryLockedError).owner.pid).toBe(child.pid);
    expect((refused as Error).message).toContain(`process ${child.pid}`);
    expect((refused as Error).message).toContain("DATABASE_URL");

    await child.kill();
    const lock = acquireDirectoryLock(directory);
    expect(JSON.parse(readFileSync(lock.file, "utf8"))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it("takes over a half-written lock file", () => {
    const directory = tempDirectory();
    writeFileSync(path.join(directory, "owner.lock"), "");
    const lock = acquireDirectoryLock(directory);
    lock.release();
  });
});
