import type { Database } from "../db/prisma-client";
import type { Prisma } from "../generated/prisma/client";
import type { SessionSource } from "../runtime/session-events";

/** A session in lists (docs/api.md `SessionSummary`). */
export interface SessionSummary {
  id: string;
  flowId: string | null;
  /** Which graph it ran; null for a session recorded without its start (see the recorder's placeholder rows). */
  source: SessionSource | null;
  transport: string;
  status: "live" | "ended";
  startedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  endMessage: string | null;
}

/** One entry of a session's log (docs/api.md `SessionEventRecord`). */
export interface SessionEventRecord {
  seq: number;
  type: string;
  at: Date;
  /** The SessionEvent body (lib/runtime/session-events.ts). */
  data: Prisma.JsonValue;
}

const LIST_LIMIT = 200;

const summarySelect = {
  id: true,
  flowId: true,
  versionId: true,
  versionNumber: true,
  draftRevision: true,
  sourceKind: true,
  sourceName: true,
  transport: true,
  status: true,
  startedAt: true,
  endedAt: true,
  endReason: true,
  endMessage: true,
} as const;

type SessionRow = Prisma.SessionGetPayload<{ select: typeof summarySelect }>;

/**
 * The sessions a request may reach (lib/auth/access.ts `sessionScope`): a session belongs to its flow's workspace,
 * whoever opened it, so these are the sessions of the workspaces' flows, and the ones without a workspace (a code
 * handler's) that the user opened themselves.
 */
export interface SessionScope {
  workspaceIds: readonly string[];
  userId: string;
}

const within = (scope: SessionScope) => ({
  OR: [{ workspaceId: { in: [...scope.workspaceIds] } }, { workspaceId: null, userId: scope.userId }],
});

/** The scope's sessions, newest first, optionally of one flow. */
export async function listSessions(db: Database, scope: SessionScope, filter: { flowId?: string } = {}): Promise<SessionSummary[]> {
  const rows = await db.session.findMany({
    where: { ...within(scope), ...(filter.flowId === undefined ? {} : { flowId: filter.flowId }) },
    orderBy: { startedAt: "desc" },
    take: LIST_LIMIT,
    select: summarySelect,
  });
  return rows.map(toSummary);
}

/** Whether one of the scope's sessions is live, and which runtime process holds it; null when there is no such session. */
export async function sessionStatus(
  db: Database,
  scope: SessionScope,
  sessionId: string,
): Promise<{ status: "live" | "ended"; runtimeId: string | null; workspaceId: string | null } | null> {
  return db.session.findFirst({ where: { id: sessionId, ...within(scope) }, select: { status: true, runtimeId: true, workspaceId: true } });
}

/** One of the scope's sessions with its whole log in seq order, or null. */
export async function getSession(
  db: Database,
  scope: SessionScope,
  sessionId: string,
): Promise<{ session: SessionSummary; events: SessionEventRecord[] } | null> {
  const session = await db.session.findFirst({ where: { id: sessionId, ...within(scope) }, select: summarySelect });
  if (!session) return null;
  const chunks = await db.sessionEventChunk.findMany({ where: { sessionId }, orderBy: { firstSeq: "asc" }, select: { events: true } });
  return { session: toSummary(session), events: chunks.flatMap((chunk) => (chunk.events as LoggedEvent[]).map(toRecord)) };
}

/** An event as the log stores it: as the runtime published it (lib/runtime/session-events.ts). */
type LoggedEvent = { seq: number; at: number; type: string } & Record<string, Prisma.JsonValue>;

function toRecord({ seq, at, ...data }: LoggedEvent): SessionEventRecord {
  return { seq, type: data.type, at: new Date(at), data };
}

function toSummary(row: SessionRow): SessionSummary {
  const { versionId, versionNumber, draftRevision, sourceKind, sourceName, ...rest } = row;
  return { ...rest, source: sourceOf({ flowId: row.flowId, versionId, versionNumber, draftRevision, sourceKind, sourceName }) };
}

function sourceOf(
  row: Pick<SessionRow, "flowId" | "versionId" | "versionNumber" | "draftRevision" | "sourceKind" | "sourceName">,
): SessionSource | null {
  const { flowId, versionId, versionNumber, draftRevision, sourceKind, sourceName } = row;
  if (sourceKind === "draft" && flowId !== null && draftRevision !== null) return { kind: "draft", flowId, revision: draftRevision };
  if (sourceKind === "version" && flowId !== null && versionId !== null && versionNumber !== null) {
    return { kind: "version", flowId, versionId, version: versionNumber };
  }
  if (sourceKind === "code" && sourceName !== null) return { kind: "code", name: sourceName };
  return null;
}
