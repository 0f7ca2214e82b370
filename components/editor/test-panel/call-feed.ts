import type { CanvasEdge } from "../canvas-types";
import { useRunStore } from "./run-store";
import type { ServerToClient } from "./session-wire";

/** The session events that feed the panel, whichever transport carries them (Socket.IO events, LiveKit data messages). */
export type CallFeed = Pick<ServerToClient, "session" | "reply" | "trace" | "transcript" | "end" | "error">;

/** A running test call, as the panel's controller drives it, over either transport. */
export interface ActiveTestCall {
  /** Sends what the person typed; false when the call is over (the run store says so instead of dropping it). */
  say(text: string): boolean;
  /** Hangs up: shown as ended at once; the server ends the session with reason `hangup`. */
  hangUp(): void;
}

/** The one place the server's session events become the run store's state: chat, transcripts, trace, lit path, end. */
export function runStoreFeed(edges: () => readonly CanvasEdge[]): CallFeed {
  const run = () => useRunStore.getState();
  return {
    session: (payload) => run().started(payload.sessionId),
    reply: (payload) => run().replied(payload),
    trace: (event) => run().traced(event, edges()),
    transcript: ({ text, final }) => run().heard(text, final),
    end: (payload) => run().endedWith(payload),
    error: (payload) => run().refused(payload.message),
  };
}
