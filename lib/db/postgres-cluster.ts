import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { setPriority } from "node:os";
import path from "node:path";
import type { DatabaseUser } from "./database-user";
import type { PostgresBinaries } from "./postgres-binaries";

/** The files of one embedded cluster, all inside one folder of the state directory. */
export interface ClusterFiles {
  folder: string;
  /** PostgreSQL's data directory (owned by the database user, mode 700). */
  data: string;
  /** The generated password of the cluster's one role (mode 600, readable by this process only). */
  password: string;
  /** PostgreSQL's own log (its stderr). */
  log: string;
}

/** The role the app connects as. */
export const CLUSTER_ROLE = "switchboard";

/**
 * The folder's files, with the folder made (mode 755: the database user must pass through it to its data directory,
 * and a test's mkdtemp folder is 700).
 */
export function clusterFiles(folder: string, user: DatabaseUser | undefined): ClusterFiles {
  mkdirSync(folder, { recursive: true, mode: 0o755 });
  if (user) chmodSync(folder, 0o755);
  return { folder, data: path.join(folder, "data"), password: path.join(folder, "password"), log: path.join(folder, "postgres.log") };
}

/**
 * Creates the cluster with initdb when the folder has none: one role with a generated password, password
 * authentication (scram-sha-256) for every connection, UTF-8. Returns the role's password.
 */
export async function initialiseCluster(files: ClusterFiles, binaries: PostgresBinaries, user: DatabaseUser | undefined): Promise<string> {
  if (existsSync(path.join(files.data, "PG_VERSION"))) {
    if (!existsSync(files.password)) {
      throw new Error(
        `The embedded database in ${files.data} has lost its password file (${files.password}). Restore it, or remove ` +
          `${files.folder} to start afresh (its flows and call logs are lost).`,
      );
    }
    return readFileSync(files.password, "utf8").trim();
  }
  // A half-made data directory (initdb interrupted) is of no use; initdb wants it empty.
  rmSync(files.data, { recursive: true, force: true });
  mkdirSync(files.data, { mode: 0o700 });
  const password = randomBytes(24).toString("base64url");
  const passwordInput = path.join(files.folder, `.initdb-password-${process.pid}`);
  writeFileSync(passwordInput, `${password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(files.data, user.uid, user.gid);
    chownSync(passwordInput, user.uid, user.gid);
  }
  try {
    await runToEnd(
      binaries.initdb,
      [
        `--pgdata=${files.data}`,
        `--username=${CLUSTER_ROLE}`,
        `--pwfile=${passwordInput}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
      ],
      user,
    );
  } catch (error) {
    rmSync(files.data, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(passwordInput, { force: true });
  }
  // Written last: a password file means a finished cluster.
  writeFileSync(files.password, password, { mode: 0o600 });
  return password;
}

/** The port is taken; the caller picks another. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is in use`);
    this.name = "PortInUseError";
  }
}

/** A postmaster this process started. `exited` settles when it is gone, however that happens. */
export interface Postmaster {
  readonly pid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Fast shutdown (SIGINT: ends connections, checkpoints); SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * Starts PostgreSQL on 127.0.0.1:`port` only (no Unix socket), as `user`, in a process group of its own so that a
 * terminal's Ctrl-C reaches the app, which ends its calls and flushes the log before it stops the database. Where
 * util-linux's `setpriv` exists, the postmaster gets a parent-death signal: if this process dies, even by SIGKILL,
 * the kernel sends the postmaster SIGINT, and no orphan keeps the port and the data directory. (Call this from the
 * main thread: the signal follows the thread that spawned it.) Resolves once it accepts connections.
 */
export async function startPostmaster(
  files: ClusterFiles,
  binaries: PostgresBinaries,
  user: DatabaseUser | undefined,
  port: number,
): Promise<Postmaster> {
  keepLogSmall(files.log);
  const logFd = openSync(files.log, "a", 0o600);
  const startedAtLogSize = statSync(files.log).size;
  const args = [
    "-D",
    files.data,
    "-p",
    String(port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    "-c",
    "log_min_messages=warning",
  ];
  const setpriv = findSetpriv();
  let child: ChildProcess;
  try {
    child = spawn(setpriv ?? binaries.postgres, setpriv ? ["--pdeathsig=SIGINT", "--", binaries.postgres, ...args] : args, {
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      detached: true,
      stdio: ["ignore", logFd, logFd],
      env: { ...process.env, LC_MESSAGES: "C" },
    });
  } finally {
    closeSync(logFd);
  }
  lowerPriority(child.pid);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", () => resolve({ code: null, signal: null }));
  });
  const pid = child.pid;
  const postmaster: Postmaster = {
    pid: pid ?? -1,
    exited,
    async stop(timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      try {
        await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  let gone: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((result) => (gone = result));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (gone) {
      const log = logSince(files.log, startedAtLogSize);
      if (/could not bind|Address already in use/i.test(log)) throw new PortInUseError(port);
      throw new Error(
        `The embedded PostgreSQL exited while starting (${gone.signal ?? `code ${gone.code}`}): ${lastLines(log, 8) || "no output"}`,
      );
    }
    if (pid !== undefined && postmasterStatus(files.data, pid) === "ready") return postmaster;
    if (Date.now() > deadline) {
      await postmaster.stop(2000);
      throw new Error(
        `The embedded PostgreSQL did not start within ${READY_TIMEOUT_MS / 1000} s: ${lastLines(logSince(files.log, startedAtLogSize), 8)}`,
      );
    }
    await sleep(20);
  }
}

/**
 * Stops a postmaster that a previous owner of this data directory left running (it was killed before it could
 * stop it, on a machine without setpriv): the directory lock says that owner is gone, so nobody else uses it.
 */
export async function stopOrphanedPostmaster(data: string, log: (line: string) => void): Promise<void> {
  const pid = Number(readLines(path.join(data, "postmaster.pid"))[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgresOf(pid, data)) return;
  log(`stopping the embedded PostgreSQL (pid ${pid}) that a previous server left running`);
  process.kill(pid, "SIGINT");
  if (await waitForExit(pid, 15_000)) return;
  process.kill(pid, "SIGKILL");
  await waitForExit(pid, 5000);
}

/** Line 8 of postmaster.pid is the postmaster's status ("starting", "ready", "stopping"), once it has one. */
function postmasterStatus(data: string, pid: number): string | undefined {
  const lines = readLines(path.join(data, "postmaster.pid"));
  return Number(lines[0]) === pid ? lines[7]?.trim() : undefined;
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, "utf8").split("\n");
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/** Whether a live process is a postgres serving `data` (its pid may have been reused by something else). */
function isPostgresOf(pid: number, data: string): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return commandLine.some((part) => part.endsWith("postgres")) && commandLine.includes(data);
  } catch {
    // No /proc (not Linux): trust postmaster.pid, as PostgreSQL itself does.
    return true;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Live calls come first: on a machine short of cores the scheduler should give a core to the server's event loop (its
 * callers) before PostgreSQL, whose bulk work is the session log, which can wait. Set on the postmaster as soon as it
 * exists, so the backends it forks for each connection inherit it; queries still run at once on an idle core. Nice 10,
 * as the session writer's thread: with PostgreSQL at normal priority its ~0.5 s of CPU per 5,000 turns showed in the
 * turns' p99 on two cores (bench:sessions).
 */
function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, 10);
  } catch {
    // Not permitted here: everything works, only without the hint.
  }
}

let setprivPath: string | null | undefined;
function findSetpriv(): string | undefined {
  setprivPath ??= ["/usr/bin/setpriv", "/bin/setpriv"].find((candidate) => existsSync(candidate)) ?? null;
  return setprivPath ?? undefined;
}

/** PostgreSQL logs little at `warning`, but a crash loop must not fill the disk. */
function keepLogSmall(file: string): void {
  try {
    if (statSync(file).size > 10 * 1024 * 1024) truncateSync(file, 0);
  } catch {
    // No log yet.
  }
}

function logSince(file: string, offset: number): string {
  try {
    return readFileSync(file).subarray(offset).toString("utf8");
  } catch {
    return "";
  }
}

function lastLines(text: string, count: number): string {
  return text.trim().split("\n").slice(-count).join(" | ");
}

/** Runs a program to its end as `user`; rejects with its output when it fails. */
function runToEnd(program: string, args: string[], user: DatabaseUser | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(program)} failed (${signal ?? `code ${code}`}): ${lastLines(output, 8)}`));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
