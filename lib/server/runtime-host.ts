import type { RuntimeEvents } from "../runtime/session-events";
import type { SessionRegistry } from "../runtime/session-registry";

/** How an attempt to end a live session went. */
export type EndSessionOutcome =
  /** It is ending through the End path (here or in another runtime process). */
  | { kind: "ended" }
  /** No runtime process holds it any more: it has ended (or its process died, and it was closed as lost). */
  | { kind: "gone" }
  /** Its process may be alive but could not be reached (no Redis, Redis down, no answer in time). */
  | { kind: "unreachable"; message: string };

/** The runtime living in this process, if any: its live sessions and its event bus. */
export interface RuntimeHost {
  registry: SessionRegistry;
  events: RuntimeEvents;
  /**
   * Ends a live session through the End path wherever it runs: in this process, or (with the Redis adapter) in the
   * runtime process `runtimeId` names (the session row says which). Never waits more than a few seconds.
   */
  endSession(sessionId: string, reason: string, options?: { goodbye?: string; runtimeId?: string | null }): Promise<EndSessionOutcome>;
}

/*
 * Route handlers are bundled by Next.js while server.ts is not, so the two hold different copies of every
 * module. A well-known symbol on globalThis is the one place both see the same object.
 */
const HOST_KEY = Symbol.for("switchboard.runtimeHost");

type HostHolder = { [HOST_KEY]?: RuntimeHost };

export function installRuntimeHost(host: RuntimeHost): void {
  (globalThis as HostHolder)[HOST_KEY] = host;
}

export function uninstallRuntimeHost(host: RuntimeHost): void {
  const holder = globalThis as HostHolder;
  if (holder[HOST_KEY] === host) delete holder[HOST_KEY];
}

/** The runtime of this process, or undefined when it runs elsewhere (`npm run runtime`). */
export function runtimeHost(): RuntimeHost | undefined {
  return (globalThis as HostHolder)[HOST_KEY];
}
