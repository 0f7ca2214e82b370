/** How an attempt to end a live session went. */
export type EndSessionOutcome =
  /** It is ending through the End path (here or in another runtime process). */
  | { kind: "ended" }
  /** No runtime process holds it any more: it has ended (or its process died, and it was closed as lost). */
  | { kind: "gone" }
  /** Its process may be alive but could not be reached (no Redis, Redis down, no answer in time). */
  | { kind: "unreachable"; message: string };

/** What a caller needs to join a LiveKit call (POST /api/flows/{id}/livekit-calls answers it; docs/api.md). */
export interface LiveKitCallGrant {
  sessionId: string;
  /** The LiveKit server's URL (LIVEKIT_URL). */
  url: string;
  roomName: string;
  identity: string;
  /** The caller's LiveKit token: this room and identity only, at most 10 minutes. */
  token: string;
  /** ISO 8601. */
  expiresAt: string;
}

/** How an attempt to start a LiveKit call went. */
export type LiveKitCallOutcome =
  | { kind: "started"; call: LiveKitCallGrant }
  /** The session token was refused (the runner's SessionOpenError code and message). */
  | { kind: "refused"; code: string; message: string }
  /** LiveKit is off here, or its server cannot be reached; the message says which and what to do. */
  | { kind: "unavailable"; message: string };

/** What the API needs of the session runtime: ending a live call wherever it runs, starting one in a LiveKit room. */
export interface SessionControl {
  /**
   * Starts a call in a new LiveKit room for the session a Switchboard session token opens (explicit dispatch: this
   * process's runtime joins the room as the agent) and mints the caller's token for it.
   */
  startLiveKitCall(sessionToken: string, options?: { trace?: boolean }): Promise<LiveKitCallOutcome>;
  /**
   * Ends a live session through the End path wherever it runs: in this process, or (with the Redis adapter) in the
   * runtime process `runtimeId` names (the session row says which). Never waits more than a few seconds.
   */
  endSession(sessionId: string, reason: string, options?: { goodbye?: string; runtimeId?: string | null }): Promise<EndSessionOutcome>;
}

/*
 * Route handlers are bundled by Next.js while server.ts is not, so the two hold different copies of every module (and
 * in production the routes run on the editor's own thread, lib/server/editor-thread.ts, whose control reaches the
 * runtime by message). A well-known symbol on globalThis is the one place a route finds it.
 */
const CONTROL_KEY = Symbol.for("switchboard.sessionControl");

type ControlHolder = { [CONTROL_KEY]?: SessionControl };

export function installSessionControl(control: SessionControl): void {
  (globalThis as ControlHolder)[CONTROL_KEY] = control;
}

export function uninstallSessionControl(control: SessionControl): void {
  const holder = globalThis as ControlHolder;
  if (holder[CONTROL_KEY] === control) delete holder[CONTROL_KEY];
}

/** The session runtime's control, or undefined when no runtime is reachable from here (`npm run runtime` elsewhere). */
export function sessionControl(): SessionControl | undefined {
  return (globalThis as ControlHolder)[CONTROL_KEY];
}
