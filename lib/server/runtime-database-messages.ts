import type { FlowGraph } from "../flow/schema";
import type { SessionRow } from "../sessions/session-writes";

/** What the runtime asks its database thread (runtime-database-worker.ts) while callers connect. */
export type RuntimeDatabaseRequest =
  /** A draft's revision, and its graph unless the revision is `knownRevision` (compiled already). */
  | { type: "draft"; workspaceId: string; flowId: string; knownRevision: number | null }
  /** A published version, its graph left out when `graphKnown`. */
  | { type: "version"; workspaceId: string; flowId: string; versionId: string; graphKnown: boolean }
  /** Writes a session's row; true when its id was free (see session-claims.ts). */
  | { type: "claim"; row: SessionRow };

export type DraftAnswer = { revision: number; graph?: FlowGraph } | null;
export type VersionAnswer = { id: string; version: number; graph?: FlowGraph } | null;
export type RuntimeDatabaseAnswer = DraftAnswer | VersionAnswer | boolean;
