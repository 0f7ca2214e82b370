import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stateDirectory } from "../config/state-directory";

const MIN_SECRET_LENGTH = 32;

let cached: string | undefined;

/**
 * The key that signs session tokens. Production sets SWITCHBOARD_SECRET (shared by the app and every runtime
 * process); on a developer machine one is generated once into the state folder so restarts keep tokens valid.
 */
export function signingSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.SWITCHBOARD_SECRET;
  if (fromEnv !== undefined) {
    if (fromEnv.length < MIN_SECRET_LENGTH) throw new Error(`SWITCHBOARD_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    cached = fromEnv;
    return cached;
  }
  const file = path.join(stateDirectory(), "secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(stateDirectory(), { recursive: true });
    const fresh = randomBytes(32).toString("base64url");
    try {
      writeFileSync(file, fresh, { flag: "wx", mode: 0o600 });
      cached = fresh;
    } catch {
      // Another process created it first: use theirs.
      cached = readFileSync(file, "utf8").trim();
    }
    chmodSync(file, 0o600);
  }
  if (cached.length < MIN_SECRET_LENGTH) throw new Error(`${file} holds a secret shorter than ${MIN_SECRET_LENGTH} characters`);
  return cached;
}
