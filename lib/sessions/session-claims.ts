import type { SessionMeta } from "../runtime/session-events";

/**
 * Records a session's row before its caller is accepted (lib/runtime/session-runner.ts `claim`): the row is
 * durable before the caller hears the first reply, carries the runtime process that holds it (so a crash is noticed,
 * see runtime-lease.ts), and exists once per id, so a session token (which names the id) opens one session only.
 * Resolves false when the id was taken. The server's claim runs on the runtime's database thread
 * (lib/server/runtime-database-thread.ts).
 */
export type SessionClaim = (meta: SessionMeta) => Promise<boolean>;

/**
 * The same rule without a database (tests, benchmarks without one), remembered by this process only. Ids are kept
 * for two generations of `forgetAfterMs` (longer than a token lives: an older token is refused as expired anyway).
 */
export function memorySessionClaim(forgetAfterMs = 150_000): SessionClaim {
  let current = new Set<string>();
  let previous = new Set<string>();
  let rotatedAt = Date.now();
  return async ({ sessionId }) => {
    if (Date.now() - rotatedAt > forgetAfterMs) {
      previous = current;
      current = new Set();
      rotatedAt = Date.now();
    }
    if (current.has(sessionId) || previous.has(sessionId)) return false;
    current.add(sessionId);
    return true;
  };
}
