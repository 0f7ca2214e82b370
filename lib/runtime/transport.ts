import type { Reply } from "./outputs";
import type { SessionEvent } from "./session-events";

/** What a client is told when its session ends. */
export interface SessionEndInfo {
  reason: string;
  message?: string;
}

/**
 * The one thing the session knows about a connection. Socket.IO, LiveKit and telephony adapters implement it.
 * Each call is made once, in this order at the end: deliver(goodbye) → sendEnd → close.
 */
export interface SessionTransport {
  /** Short name recorded on the session, e.g. `socketio`. */
  readonly kind: string;
  /**
   * Delivers a reply. Resolves when the caller has it: sent, over text; heard, over voice (the client
   * confirms playback, or a bounded wait passes). The session awaits it before going on, and before ending.
   */
  deliver(reply: Reply): Promise<void>;
  /** Offers a log event to the client (for the lit path); best effort, never awaited. */
  trace(event: SessionEvent): void;
  /** Tells the client why the session ended. A transport whose caller is gone resolves at once. */
  sendEnd(end: SessionEndInfo): Promise<void>;
  /** Closes the connection and releases what the transport holds. Must be safe to call when already closed. */
  close(): Promise<void>;
}
