import type { FlowGraph } from "../flow/schema";
import type { WorkspaceRole } from "../generated/prisma/enums";
import type { SessionRow } from "../sessions/session-writes";

/** What the runtime asks its database thread (runtime-database-worker.ts) while callers connect. */
export type RuntimeDatabaseRequest =
  /** A draft's revision, and its graph unless the revision is `knownRevision` (compiled already). */
  | { type: "draft"; workspaceId: string; flowId: string; knownRevision: number | null }
  /** A published version, its graph left out when `graphKnown`. */
  | { type: "version"; workspaceId: string; flowId: string; versionId: string; graphKnown: boolean }
  /** Writes a session's row; true when its id was free (see session-claims.ts). */
  | { type: "claim"; row: SessionRow }
  /** The caller's role in the workspace a token names, null when they are not (or no longer) a member. */
  | { type: "role"; workspaceId: string; userId: string };

export type DraftAnswer = { revision: number; graph?: FlowGraph } | null;
export type VersionAnswer = { id: string; version: number; graph?: FlowGraph } | null;
export type RoleAnswer = WorkspaceRole | null;
export type RuntimeDatabaseAnswer = DraftAnswer | VersionAnswer | RoleAnswer | boolean;
