import type { Server, Socket } from "socket.io";
import type { Reply } from "../outputs";
import type { SessionEvent } from "../session-events";
import { InputRejectedError } from "../session-input";
import { SessionOpenError, type AdmittedSession, type SessionRunner } from "../session-runner";
import type { SessionEndInfo, SessionTransport } from "../transport";
import { handshakeAuthSchema, parseUtterance, type MessageError } from "./socketio-messages";

type OpenedSocket = Socket & { data: { admitted?: { session: AdmittedSession; trace: boolean } } };

/**
 * Serves sessions over Socket.IO, hosted by the transport-neutral runner: each connection is one session. The
 * handshake is admitted by the runner before the connection is accepted; after that the socket only carries
 * `utterance` and `hangup` in, and the session's replies, traces and `end` out (docs/protocol.md).
 */
export function attachSocketRuntime(io: Server, runner: SessionRunner): { detach(): void } {
  const authenticate = async (socket: OpenedSocket, next: (error?: Error) => void) => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
    try {
      const session = await runner.admit(SocketTransport.kind, { token: auth.success ? auth.data.token : undefined });
      socket.data.admitted = { session, trace: auth.success && auth.data.trace === true };
      next();
    } catch (error) {
      // The runner refuses with SessionOpenError only; anything else is a bug, and refused without its details.
      const refusal = error instanceof SessionOpenError ? error : new SessionOpenError("internal_error", "The session could not be opened");
      next(Object.assign(new Error(refusal.message), { data: { code: refusal.code, message: refusal.message } }));
    }
  };

  const onConnection = (socket: OpenedSocket) => {
    const admitted = socket.data.admitted;
    if (!admitted) {
      socket.disconnect(true);
      return;
    }
    socket.data.admitted = undefined;
    const transport = new SocketTransport(socket, admitted.trace);
    const { session, run } = runner.host(admitted.session, transport);
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

    socket.emit("session", { sessionId: session.id, source: admitted.session.meta.source });
    void run().finally(() => socket.removeAllListeners());
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
