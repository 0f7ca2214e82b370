import type { Server, Socket } from "socket.io";
import type { Handler } from "../handler";
import type { Reply } from "../outputs";
import type { Clock } from "../clock";
import { Session } from "../session";
import { InputRejectedError } from "../session-input";
import type { RuntimeEvents, SessionEvent, SessionMeta, SessionSource } from "../session-events";
import type { SessionRegistry } from "../session-registry";
import type { SessionEndInfo, SessionTransport } from "../transport";
import { parseUtterance, type MessageError } from "./socketio-messages";

/** What the server needs to run a session for a connection; produced from the handshake by the opener. */
export interface OpenedSession {
  /** The session's id when the handshake names it (a session token does); else one is made. */
  sessionId?: string;
  source: SessionSource;
  userId?: string;
  handler: Handler;
  /** Whether the client asked for `trace` events. */
  trace: boolean;
}

/** Turns a handshake's `auth` into a session to run, or throws SessionOpenError. */
export type SessionOpener = (auth: unknown) => Promise<OpenedSession>;

/** A refused handshake; its code and message reach the client as `connect_error` data. */
export class SessionOpenError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "SessionOpenError";
  }
}

export interface SocketRuntimeOptions {
  open: SessionOpener;
  events: RuntimeEvents;
  registry: SessionRegistry;
  clock?: Clock;
  newSessionId?: () => string;
  /** Most sessions this process runs at once; more are refused with `server_busy`. */
  maxSessions?: number;
  /**
   * Records the session before its connection is accepted (so it is durable before the caller hears anything) and
   * says whether it was new: false means its id was used already, and the handshake is refused with `token_used`.
   */
  claim?: (meta: SessionMeta) => Promise<boolean>;
}

type OpenedSocket = Socket & { data: { opened?: { session: OpenedSession; meta: SessionMeta } } };

/**
 * Serves sessions over Socket.IO: each connection is one session. The handshake is authenticated before the
 * connection is accepted; after that the socket only carries `utterance` and `hangup` in, and the session's
 * replies, traces and `end` out (docs/protocol.md).
 */
export function attachSocketRuntime(io: Server, options: SocketRuntimeOptions): { detach(): void } {
  const newSessionId = options.newSessionId ?? (() => crypto.randomUUID());
  const maxSessions = options.maxSessions ?? 10_000;

  const authenticate = async (socket: OpenedSocket, next: (error?: Error) => void) => {
    try {
      if (options.registry.size >= maxSessions) throw new SessionOpenError("server_busy", "This server is at capacity; try again shortly");
      const session = await options.open(socket.handshake.auth);
      const meta: SessionMeta = {
        sessionId: session.sessionId ?? newSessionId(),
        source: session.source,
        transport: SocketTransport.kind,
        ...(session.userId === undefined ? {} : { userId: session.userId }),
      };
      if (options.claim && !(await options.claim(meta))) {
        throw new SessionOpenError("token_used", "This session token has been used already: ask for a new one to start a new call");
      }
      socket.data.opened = { session, meta };
      next();
    } catch (error) {
      const refusal =
        error instanceof SessionOpenError
          ? error
          : new SessionOpenError("internal_error", "The session could not be opened; the server logged why");
      if (!(error instanceof SessionOpenError)) console.error("[runtime] opening a session failed:", error);
      next(Object.assign(new Error(refusal.message), { data: { code: refusal.code, message: refusal.message } }));
    }
  };

  const onConnection = (socket: OpenedSocket) => {
    const opened = socket.data.opened;
    if (!opened) {
      socket.disconnect(true);
      return;
    }
    socket.data.opened = undefined;
    const transport = new SocketTransport(socket, opened.session.trace);
    const session = new Session({
      meta: opened.meta,
      handler: opened.session.handler,
      transport,
      events: options.events,
      clock: options.clock,
    });
    options.registry.add(session);
    const refuse = (error: MessageError) => transport.sendError(error);

    socket.on("utterance", (payload: unknown) => {
      const parsed = parseUtterance(payload);
      if (!parsed.ok) return refuse(parsed.error);
      try {
        session.receive({ type: "utterance", text: parsed.text });
      } catch (error) {
        if (error instanceof InputRejectedError) refuse({ code: error.code, message: error.message });
        else throw error;
      }
    });
    socket.on("hangup", () => session.receive({ type: "hangup" }));
    socket.on("disconnect", () => {
      transport.markDisconnected();
      session.receive({ type: "hangup" });
    });
    socket.use(([event], next) => {
      if (event === "utterance" || event === "hangup") return next();
      // Socket.IO dispatches known events on the next tick; refusing on the next tick too keeps answers in message order.
      process.nextTick(() => refuse({ code: "unknown_event", message: `Unknown event "${String(event).slice(0, 50)}"` }));
    });

    socket.emit("session", { sessionId: session.id, source: opened.meta.source });
    void session.run().finally(() => {
      options.registry.remove(session);
      socket.removeAllListeners();
    });
  };

  io.use(authenticate);
  io.on("connection", onConnection);
  return {
    detach() {
      io.off("connection", onConnection);
    },
  };
}

/** The session's view of one Socket.IO connection. */
class SocketTransport implements SessionTransport {
  static readonly kind = "socketio";
  readonly kind = SocketTransport.kind;
  private connected = true;

  constructor(
    private readonly socket: Socket,
    private readonly traceEnabled: boolean,
  ) {}

  markDisconnected(): void {
    this.connected = false;
  }

  /** Over text a reply is delivered once it is written to the socket, in order, before anything sent later. */
  deliver(reply: Reply): void {
    if (!this.connected) return;
    const payload: { text: string; nodeId?: string; goodbye?: true } = { text: reply.text };
    if (reply.nodeId !== undefined) payload.nodeId = reply.nodeId;
    if (reply.goodbye) payload.goodbye = true;
    this.socket.emit("reply", payload);
  }

  get wantsTraces(): boolean {
    return this.traceEnabled;
  }

  trace(event: SessionEvent): void {
    if (this.connected) this.socket.emit("trace", event);
  }

  sendError(error: MessageError): void {
    if (this.connected) this.socket.emit("error", error);
  }

  async sendEnd(end: SessionEndInfo): Promise<void> {
    if (this.connected) this.socket.emit("end", end);
  }

  /** Disconnecting flushes what was emitted first (engine.io drains its write buffer before closing). */
  async close(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    this.socket.disconnect(true);
  }
}
