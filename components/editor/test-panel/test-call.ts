import type { Socket } from "socket.io-client";
import type { CanvasEdge } from "../canvas-types";
import { runStoreFeed, type ActiveTestCall } from "./call-feed";
import { useRunStore } from "./run-store";
import type { ClientToServer, ServerToClient } from "./session-wire";
import type { VoiceCallAudio } from "./voice/voice-call-audio";

/** The test panel's socket: socket.io-client typed with the session protocol (docs/protocol.md). */
export type TestSocket = Socket<ServerToClient, ClientToServer>;

/** Refusals at the handshake, in words for the person testing (docs/protocol.md lists the codes). */
const handshakeProblems: Record<string, string> = {
  token_expired: "The test took too long to connect. Press Restart to try again.",
  flow_not_found: "This flow no longer exists.",
  flow_invalid: "The flow has problems that stop it from running. Fix the ones in the Problems panel, then press Restart.",
  server_busy: "The test server is busy. Try again in a moment.",
  audio_unavailable:
    "This server has no speech engines, so it cannot take a call by voice. Install them with npm run voices:fetch and restart the server, or switch to Type to test by typing.",
  audio_unsupported: "The server does not take the audio this browser sends. Switch to Type to test by typing.",
};

/** Why a connection could not be made, without transport jargon ("websocket error", "xhr poll error"). */
export function handshakeProblem(error: Error & { data?: unknown }): string {
  const data = error.data;
  const code = typeof data === "object" && data !== null ? Reflect.get(data, "code") : undefined;
  if (typeof code === "string" && handshakeProblems[code]) return handshakeProblems[code];
  if (typeof code === "string") return `The test could not start: ${error.message}`;
  return "Could not reach the test server. Check your connection, then press Restart.";
}

/**
 * One test call over one socket, feeding the run store. The call is over when the server says `end`, when the person
 * hangs up (shown at once, not when the server's answer arrives), or when the connection closes without an `end`:
 * that call was lost, and is not reconnected (a session token opens one session; docs/protocol.md).
 */
export class TestCall implements ActiveTestCall {
  private closed = false;

  /** `voice`: a call by voice; it hears the socket's voice events and is stopped when the call ends. */
  constructor(
    private readonly socket: TestSocket,
    edges: () => readonly CanvasEdge[],
    private readonly voice: VoiceCallAudio | null = null,
  ) {
    voice?.attach(socket);
    const run = () => useRunStore.getState();
    const live =
      <Args extends unknown[]>(listener: (...args: Args) => void) =>
      (...args: Args) => {
        if (!this.closed) listener(...args);
      };
    const feed = runStoreFeed(edges);
    socket.on("session", live(feed.session));
    socket.on("reply", live(feed.reply));
    socket.on("trace", live(feed.trace));
    socket.on("transcript", live(feed.transcript));
    socket.on("end", live(feed.end));
    socket.on("error", live(feed.error));
    socket.on(
      "connect_error",
      live((error) => {
        voice?.stop();
        run().failedWith(handshakeProblem(error));
      }),
    );
    socket.on(
      "disconnect",
      live(() => run().connectionClosed()),
    );
  }

  /** Sends what the person said; false when the call is over (the run store says so instead of dropping it). */
  say(text: string): boolean {
    // The store records it only while the call runs, and otherwise says it was not sent.
    if (!useRunStore.getState().said(text) || this.closed) return false;
    this.socket.emit("utterance", { text });
    return true;
  }

  /** Hangs up: the server ends the session with reason `hangup`; the panel shows the call as ended now. */
  hangUp(): void {
    if (this.closed) return;
    useRunStore.getState().endedWith({ reason: "hangup" });
    if (this.socket.connected) this.socket.emit("hangup", {});
    this.close();
  }

  /** Forgets the call: the socket is closed and its late events are ignored. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.voice?.stop();
    this.socket.disconnect();
  }
}
