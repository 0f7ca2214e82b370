import type { Socket } from "socket.io";
import type { Reply } from "../outputs";
import type { Playout } from "../playout";
import type { SessionEvent } from "../session-events";
import type { SessionEndInfo, SessionTransport } from "../transport";
import type { MessageError } from "./socketio-messages";

/** The session's view of one Socket.IO connection (text; VoiceSocketTransport adds audio). */
export class SocketTransport implements SessionTransport {
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

  protected get isConnected(): boolean {
    return this.connected;
  }

  /** Over text a reply is delivered once it is written to the socket, in order, before anything sent later. */
  deliver(reply: Reply): Playout | void {
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
