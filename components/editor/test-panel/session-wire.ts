/**
 * The Socket.IO session protocol as the editor sees it (docs/protocol.md). The payloads are the runtime's own types
 * (type-only imports: no server code reaches the client bundle), so a field added there reaches the editor's types.
 */
import type { JsonValue } from "@/lib/expressions/cel";
import type { SessionEndInfo } from "@/lib/runtime/transport";
import type { SessionEvent, SessionEventBody, SessionSource } from "@/lib/runtime/session-events";

export type WireValue = JsonValue;

/** The body of a trace event, without its place in the log. */
export type WireTraceBody = SessionEventBody;

/** A trace event as sent: its body, its place in the session's log and when it happened. */
export type WireTraceEvent = SessionEvent;

export interface WireReply {
  text: string;
  nodeId?: string;
  goodbye?: true;
  /** On a voice connection: the id its `audio` frames, `audio.end`, `clear` and `playout` name. */
  replyId?: string;
  /** On a voice connection: the caller's speech cuts this reply short (`clear`). */
  interruptible?: true;
}

/** What was heard of the caller's turn so far (`final: false`, each replacing the last), then the whole turn. */
export interface WireTranscript {
  text: string;
  final: boolean;
}

/** The audio format a voice client declares in the handshake (`auth.audio`): the only one the server takes. */
export const WIRE_AUDIO_FORMAT = { sampleRate: 16_000, encoding: "pcm16" } as const;

export type WireEnd = SessionEndInfo;

export interface WireError {
  code: string;
  message: string;
}

/** Events the server sends (typed for socket.io-client's `Socket<Listen, Emit>`). */
export interface ServerToClient {
  session: (payload: { sessionId: string; source: SessionSource }) => void;
  reply: (payload: WireReply) => void;
  trace: (payload: WireTraceEvent) => void;
  end: (payload: WireEnd) => void;
  error: (payload: WireError) => void;
  // Voice connections only (docs/protocol.md#voice).
  /** 640 bytes of 16 kHz PCM16, a frame of the reply begun last. */
  audio: (frame: ArrayBuffer) => void;
  "audio.end": (payload: { replyId: string; durationMs: number }) => void;
  clear: (payload: { replyId: string }) => void;
  transcript: (payload: WireTranscript) => void;
}

export interface ClientToServer {
  utterance: (payload: { text: string }) => void;
  hangup: (payload?: Record<string, never>) => void;
  // Voice connections only.
  /** 20 ms of the microphone: 320 samples of 16 kHz PCM16, 640 bytes. */
  audio: (frame: ArrayBuffer) => void;
  /** The reply with that id has played to its last frame. */
  playout: (payload: { replyId: string }) => void;
}
