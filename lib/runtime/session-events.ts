import type { Reply, TraceEvent } from "./outputs";
import type { ReplyDelivered } from "./playout";
import type { CallerEvent } from "./session-input";

/** Which graph a session runs: a draft at a revision, an immutable published version, or code. */
export type SessionSource =
  | { kind: "draft"; flowId: string; revision: number }
  | { kind: "version"; flowId: string; versionId: string; version: number }
  | { kind: "code"; name: string };

/** Facts about a session fixed when it starts. */
export interface SessionMeta {
  sessionId: string;
  source: SessionSource;
  /** The transport it runs over, e.g. `socketio`, `livekit`, `memory`. */
  transport: string;
  /** Who opened it (the user id from the session token), when known. */
  userId?: string;
  /** The workspace of the flow it runs (from the session token); a code handler's session has none. */
  workspaceId?: string;
}

/** The typed lifecycle of a session, in order. Persistence and the editor subscribe to these. */
export type SessionEventBody =
  | { type: "session.started"; meta: SessionMeta }
  | CallerEvent
  | Reply
  | ReplyDelivered
  | TraceEvent
  | { type: "session.ended"; reason: string; message?: string };

/** An event with its place in the session's log. */
export type SessionEvent = SessionEventBody & {
  /** Position in the session's log, from 1, without gaps. */
  seq: number;
  /** Milliseconds since the Unix epoch. */
  at: number;
};

export type SessionEventListener = (sessionId: string, event: SessionEvent) => void;

/**
 * The runtime announces; others listen. Listeners run synchronously in order and must not throw;
 * one that does is reported and the session goes on.
 */
export class RuntimeEvents {
  private readonly listeners = new Set<SessionEventListener>();
  /**
   * The listeners in subscription order, rebuilt on (rare) subscribe and unsubscribe: publish runs ~30 times a
   * turn, and an indexed loop over an array is cheaper than a Set's iterator. Replaced, never mutated, so a
   * publish in progress walks the list it started with (one subscribed meanwhile gets the next event).
   */
  private ordered: readonly SessionEventListener[] = [];

  constructor(
    private readonly onListenerError: (error: unknown) => void = (error) => console.error("[runtime] event listener failed:", error),
  ) {}

  /** Subscribes; returns the function that unsubscribes. */
  subscribe(listener: SessionEventListener): () => void {
    this.listeners.add(listener);
    this.ordered = [...this.listeners];
    return () => {
      const removed = this.listeners.delete(listener);
      if (removed) this.ordered = [...this.listeners];
      return removed;
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  publish(sessionId: string, event: SessionEvent): void {
    const listeners = this.ordered;
    for (let index = 0; index < listeners.length; index += 1) {
      // One unsubscribed by an earlier listener during this publish is not called any more.
      const listener = listeners[index] as SessionEventListener;
      if (listeners !== this.ordered && !this.listeners.has(listener)) continue;
      try {
        listener(sessionId, event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
