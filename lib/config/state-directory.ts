import path from "node:path";

/**
 * The folder for local state (the embedded database, the generated signing secret): `.switchboard` in the working
 * directory, git-ignored, or SWITCHBOARD_STATE_DIR. Below lib/auth and lib/db, which both use it.
 */
export function stateDirectory(): string {
  return process.env.SWITCHBOARD_STATE_DIR ?? path.join(process.cwd(), ".switchboard");
}
