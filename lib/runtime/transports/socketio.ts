import type { Server, Socket } from "socket.io";
import type { Session } from "../session";
import { InputRejectedError } from "../session-input";
import { SessionOpenError, type AdmittedSession, type SessionRunner } from "../session-runner";
import { audioFormatSchema, handshakeAuthSchema, parseUtterance, type MessageError } from "./socketio-messages";
import { SocketTransport } from "./socketio-transport";
import { VOICE_EVENTS, VoiceSocketTransport, type SocketVoiceOptions } from "./socketio-voice";

type OpenedSocket = Socket & { data: { admitted?: { session: AdmittedSession; trace: boolean; audio: boolean } } };

/** What a Socket.IO runtime serves besides text. */
export interface SocketRuntimeOptions {
  /** Voice connections (`auth.audio`); without, they are refused with `audio_unavailable`. */
  voice?: SocketVoiceOptions;
}

/**
 * Serves sessions over Socket.IO, hosted by the transport-neutral runner: each connection is one session. The
 * handshake is admitted by the runner before the connection is accepted; after that the socket only carries
 * `utterance` and `hangup` in, and the session's replies, traces and `end` out (docs/protocol.md).
 */
export function attachSocketRuntime(io: Server, runner: SessionRunner, options: SocketRuntimeOptions = {}): { detach(): void } {
  const authenticate = async (socket: OpenedSocket, next: (error?: Error) => void) => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
    try {
      // The audio format is checked before the token, so a refused format does not use the token up.
      const audio = auth.success && auth.data.audio !== undefined;
      if (audio) {
        const format = audioFormatSchema.safeParse(auth.success ? auth.data.audio : undefined);
        if (!format.success)
          throw new SessionOpenError("audio_unsupported", format.error.issues[0]?.message.slice(0, 200) ?? "Unsupported audio format");
        if (!options.voice) throw new SessionOpenError("audio_unavailable", "This server does not serve voice connections");
      }
      const session = await runner.admit(SocketTransport.kind, { token: auth.success ? auth.data.token : undefined });
      socket.data.admitted = { session, trace: auth.success && auth.data.trace === true, audio };
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
    let receive: Session["receive"] = () => undefined;
    const voice =
      admitted.audio && options.voice
        ? new VoiceSocketTransport(socket, admitted.trace, {
            ...options.voice,
            listens: admitted.session.listens,
            voicePlan: admitted.session.voicePlan,
            receive: (input) => receive(input),
          })
        : undefined;
    const transport = voice ?? new SocketTransport(socket, admitted.trace);
    const { session, run } = runner.host(admitted.session, transport);
    receive = (input) => session.receive(input);
    const refuse = (error: MessageError) => transport.sendError(error);
    voice?.listen(socket, refuse);

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
      if (event === "utterance" || event === "hangup" || (voice && VOICE_EVENTS.has(event))) return next();
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
