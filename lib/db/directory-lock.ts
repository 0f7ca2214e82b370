import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/** What the lock file says about its owner. */
export interface LockOwner {
  pid: number;
  /** ISO time the owning process took the lock. */
  startedAt: string;
}

/** Another live process owns the directory. */
export class DirectoryLockedError extends Error {
  constructor(
    readonly directory: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The embedded database in ${directory} is in use by process ${owner.pid} (since ${owner.startedAt}). ` +
        `Stop that process first, or set DATABASE_URL to use a PostgreSQL server, or SWITCHBOARD_STATE_DIR to use another folder.`,
    );
    this.name = "DirectoryLockedError";
  }
}

/** A held lock; release() is idempotent. */
export interface DirectoryLock {
  readonly file: string;
  release(): void;
}

const LOCK_FILE = "owner.lock";

/**
 * Makes this process the one owner of a directory. PGlite does not lock its data directory, and two processes
 * opening it silently lose writes, so the lock file (created with O_EXCL) says who owns it. A lock left by a dead
 * process is taken over; a live owner is refused.
 */
export function acquireDirectoryLock(directory: string): DirectoryLock {
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, startedAt: new Date().toISOString() };
  // Two attempts: the second follows removing a stale lock. Losing that race to another process means it owns it.
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx", 0o600);
    } catch (error) {
      if (!isErrno(error, "EEXIST")) throw error;
      const owner = readOwner(file);
      if (owner && isAlive(owner.pid)) throw new DirectoryLockedError(directory, owner);
      removeIfSame(file, owner);
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me));
    } finally {
      closeSync(fd);
    }
    return holdLock(file, me);
  }
  const owner = readOwner(file);
  throw owner ? new DirectoryLockedError(directory, owner) : new Error(`Could not take the lock ${file}`);
}

function holdLock(file: string, me: LockOwner): DirectoryLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.removeListener("exit", release);
    // Only remove the file if it is still ours (a takeover after a pause must not be undone).
    removeIfSame(file, me);
  };
  process.on("exit", release);
  return { file, release };
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const pid: unknown = Reflect.get(parsed, "pid");
    const startedAt: unknown = Reflect.get(parsed, "startedAt");
    if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0 || typeof startedAt !== "string") return undefined;
    return { pid, startedAt };
  } catch {
    // Missing, half-written (the owner died between open and write) or garbage: nobody owns it.
    return undefined;
  }
}

function removeIfSame(file: string, expected: LockOwner | undefined): void {
  const current = readOwner(file);
  const same = current === undefined ? expected === undefined : current.pid === expected?.pid && current.startedAt === expected.startedAt;
  if (!same) return;
  try {
    unlinkSync(file);
  } catch (error) {
    if (!isErrno(error, "ENOENT")) throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still owns the directory.
    return isErrno(error, "EPERM");
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
