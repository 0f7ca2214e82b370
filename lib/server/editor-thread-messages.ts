import type { EndSessionOutcome, LiveKitCallOutcome } from "./session-control";

/** What the editor thread is started with (its workerData). */
export interface EditorThreadData {
  dir: string;
  dev: boolean;
  /** The front server's public host and port, for the URLs Next.js builds. */
  hostname: string;
  port: number;
  /** Where the editor thread listens: a Unix socket in a folder only this process can enter. */
  socketPath: string;
}

/** Editor thread → main thread. */
export type EditorThreadMessage =
  | { type: "ready" }
  | { type: "endSession"; id: number; sessionId: string; reason: string; options: { goodbye?: string; runtimeId?: string | null } }
  | { type: "startLiveKitCall"; id: number; sessionToken: string; options: { trace?: boolean } }
  /** Told to live co-editing (lib/collab/collab-notice.ts); no answer. */
  | { type: "collabFlowChanged"; flowId: string }
  | { type: "collabAccessChanged"; workspaceId: string; userId: string };

/** Main thread → editor thread. */
export type MainThreadMessage =
  | { type: "endSessionResult"; id: number; outcome: EndSessionOutcome }
  | { type: "startLiveKitCallResult"; id: number; outcome: LiveKitCallOutcome }
  | { type: "stop" };
