import type { Clock } from "./clock";
import type { Handler } from "./handler";
import type { ListenHints } from "./listen-hints";
import { Session, type SessionOptions } from "./session";
import type { RuntimeEvents, SessionMeta, SessionSource } from "./session-events";
import type { SessionRegistry } from "./session-registry";
import type { SessionEndInfo, SessionTransport } from "./transport";
import type { FlowVoicePlan } from "./voice-plan";

/**
 * What a caller presents to open a session, whatever it comes over: a Socket.IO handshake's token today; a LiveKit
 * participant's or a phone endpoint's signed parameters next.
 */
export interface SessionCredentials {
  token: string | undefined;
}

/** What the runner needs to run a session for a caller; made from the credentials by the opener. */
export interface OpenedSession {
  /** The session's id when the credentials name it (a session token does); else one is made. */
  sessionId?: string;
  source: SessionSource;
  userId?: string;
  workspaceId?: string;
  handler: Handler;
  /** What the flow's Listens expect, by node id, for a voice transport's recogniser (a code-defined bot has none). */
  listens?: ReadonlyMap<string, ListenHints>;
  /** The flow's providers and voices for a voice transport (a code-defined bot has none: the server's defaults). */
  voicePlan?: FlowVoicePlan;
}

/** Turns credentials into a session to run, or throws SessionOpenError. */
export type SessionOpener = (credentials: SessionCredentials) => Promise<OpenedSession>;

/** A refused caller; its code and message reach the client (Socket.IO: as `connect_error` data). */
export class SessionOpenError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "SessionOpenError";
  }
}

/** The bounds every hosted session gets (see SessionOptions). */
export type SessionLimits = Pick<SessionOptions, "maxQueuedUtterances" | "minPartialIntervalMs" | "playoutMarginMs" | "playoutTimeoutMs">;

export interface SessionRunnerOptions {
  open: SessionOpener;
  events: RuntimeEvents;
  registry: SessionRegistry;
  clock?: Clock;
  newSessionId?: () => string;
  /** Most sessions this process runs at once; more are refused with `server_busy`. */
  maxSessions?: number;
  /**
   * Records the session before its caller is let in (so it is durable before the caller hears anything) and says
   * whether it was new: false means its id was used already, and the caller is refused with `token_used`.
   */
  claim?: (meta: SessionMeta) => Promise<boolean>;
  limits?: SessionLimits;
}

/** A caller let in: its session's facts and handler, waiting for the transport that will carry it. */
export interface AdmittedSession {
  readonly meta: SessionMeta;
  readonly handler: Handler;
  readonly listens?: ReadonlyMap<string, ListenHints>;
  readonly voicePlan?: FlowVoicePlan;
}

/** A session registered over its transport, for the transport to wire its input to before it runs. */
export interface HostedSession {
  readonly session: Session;
  /** Runs the conversation to its end; the session leaves the registry then. Call once. */
  run(): Promise<SessionEndInfo>;
}

/**
 * Hosts sessions for any transport: admission (capacity, the opener's checks, the claim that makes a token open one
 * session), then creating, registering and running each session over the transport the caller came by, and the
 * cleanup. A transport adapter (Socket.IO today, LiveKit rooms and phone media sockets next) only turns its wire into
 * credentials, a SessionTransport and `receive` calls.
 */
export class SessionRunner {
  private readonly newSessionId: () => string;
  private readonly maxSessions: number;

  constructor(private readonly options: SessionRunnerOptions) {
    this.newSessionId = options.newSessionId ?? (() => crypto.randomUUID());
    this.maxSessions = options.maxSessions ?? 10_000;
  }

  /**
   * Lets a caller in, or refuses with SessionOpenError (whatever went wrong: an unexpected failure is logged here and
   * refused as `internal_error`, without its details). `transport` is the kind of the transport that will carry it.
   */
  async admit(transport: string, credentials: SessionCredentials): Promise<AdmittedSession> {
    try {
      if (this.options.registry.size >= this.maxSessions)
        throw new SessionOpenError("server_busy", "This server is at capacity; try again shortly");
      const opened = await this.options.open(credentials);
      const meta: SessionMeta = {
        sessionId: opened.sessionId ?? this.newSessionId(),
        source: opened.source,
        transport,
        ...(opened.userId === undefined ? {} : { userId: opened.userId }),
        ...(opened.workspaceId === undefined ? {} : { workspaceId: opened.workspaceId }),
      };
      if (this.options.claim && !(await this.options.claim(meta)))
        throw new SessionOpenError("token_used", "This session token has been used already: ask for a new one to start a new call");
      return {
        meta,
        handler: opened.handler,
        ...(opened.listens ? { listens: opened.listens } : {}),
        ...(opened.voicePlan ? { voicePlan: opened.voicePlan } : {}),
      };
    } catch (error) {
      if (error instanceof SessionOpenError) throw error;
      console.error("[runtime] opening a session failed:", error);
      throw new SessionOpenError("internal_error", "The session could not be opened; the server logged why");
    }
  }

  /** Creates the admitted caller's session over its transport and registers it (an operator can end it from now on). */
  host(admitted: AdmittedSession, transport: SessionTransport): HostedSession {
    if (transport.kind !== admitted.meta.transport)
      throw new Error(`A session admitted for ${admitted.meta.transport} cannot run over ${transport.kind}`);
    const { registry } = this.options;
    const session = new Session({
      ...this.options.limits,
      meta: admitted.meta,
      handler: admitted.handler,
      transport,
      events: this.options.events,
      clock: this.options.clock,
    });
    registry.add(session);
    return {
      session,
      run: () => session.run().finally(() => registry.remove(session)),
    };
  }
}
