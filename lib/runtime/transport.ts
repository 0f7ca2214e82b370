import type { Reply } from "./outputs";
import type { Playout } from "./playout";
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
   * Delivers a reply. Returns nothing when the caller has it at once (over text: written to the socket), else its
   * Playout (over voice: played until the client confirms it heard it, or it is interrupted). The session waits for
   * the playout, bounded, before going on and before ending. A synchronous delivery lets a flow run from one listen
   * to the next without leaving the stack: a promise per reply cost ~12% of a turn.
   */
  deliver(reply: Reply): Playout | void;
  /**
   * Whether the client asked for the log as it happens (the editor's test panel does, for the lit path): when not,
   * the session does not offer it the ~30 events of a turn at all. Read once, when the session starts.
   */
  readonly wantsTraces: boolean;
  /** Offers a log event to the client; best effort, never awaited. Called only when wantsTraces. */
  trace(event: SessionEvent): void;
  /** Tells the client why the session ended. A transport whose caller is gone resolves at once. */
  sendEnd(end: SessionEndInfo): Promise<void>;
  /** Closes the connection and releases what the transport holds. Must be safe to call when already closed. */
  close(): Promise<void>;
}
