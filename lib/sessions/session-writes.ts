import type { Database } from "../db/prisma-client";
import type { SessionEvent, SessionMeta } from "../runtime/session-events";
import { jsonTextForPostgres } from "./json-for-postgres";

/** A Session row as the recorder first writes it (status defaults to live); times in epoch milliseconds. */
export interface SessionRow {
  id: string;
  sourceKind: string;
  transport: string;
  startedAt: number;
  userId?: string | null;
  workspaceId?: string | null;
  flowId?: string | null;
  draftRevision?: number | null;
  versionId?: string | null;
  versionNumber?: number | null;
  sourceName?: string | null;
  /** The runtime process running it (see RuntimeLease). */
  runtimeId?: string | null;
}

/** The row of a session that starts now, as the runtime described it. */
export function sessionRowFor(meta: SessionMeta, at: number, runtimeId: string | null): SessionRow {
  const base = {
    id: meta.sessionId,
    transport: meta.transport,
    userId: meta.userId ?? null,
    workspaceId: meta.workspaceId ?? null,
    startedAt: at,
    runtimeId,
  };
  const source = meta.source;
  switch (source.kind) {
    case "draft":
      return { ...base, sourceKind: "draft", flowId: source.flowId, draftRevision: source.revision };
    case "version":
      return { ...base, sourceKind: "version", flowId: source.flowId, versionId: source.versionId, versionNumber: source.version };
    case "code":
      return { ...base, sourceKind: "code", sourceName: source.name };
  }
}

/** One write the recorder queues, in the order the runtime announced it. */
export type SessionWrite =
  | { kind: "session"; row: SessionRow }
  | { kind: "event"; sessionId: string; event: SessionEvent }
  | { kind: "end"; sessionId: string; endedAt: number; reason: string; message: string | null };

/**
 * A FIFO slice of the recorder's queue, by kind, written in this order (session rows, events, ends) so every reference
 * points at a written row. Each session's events in the slice make one log row (a SessionEventChunk: about a turn's
 * worth), described by columns; the chunks' events travel as one JSON array of arrays (`chunksJson`, each event with
 * its `seq` and `at`): one JSON.stringify per batch on the event loop, a single string to copy to the writer thread,
 * and a single parameter that the database takes apart itself. Ends are columns.
 */
export interface SessionBatch {
  sessions: SessionRow[];
  events: { sessionId: string[]; firstSeq: number[]; lastSeq: number[]; lastAt: number[]; chunksJson: string };
  ends: { sessionId: string[]; endedAt: number[]; reason: string[]; message: Array<string | null> };
}

/** Writes batches; writes are idempotent, so a batch that failed can be written again. */
export interface SessionWriter {
  /** Most queued items per batch this writer handles well (the recorder's default batch size). */
  readonly batchSize: number;
  write(batch: SessionBatch): Promise<void>;
  /** Releases what the writer holds (a thread, connections); a write after it starts afresh. */
  close(): Promise<void>;
}

/** Groups a slice of the queue into a batch. */
export function toBatch(items: readonly SessionWrite[]): SessionBatch {
  const sessions: SessionRow[] = [];
  /** Each session's events in the slice, in the order they were published (seq order). */
  const chunks = new Map<string, SessionEvent[]>();
  const ends: SessionBatch["ends"] = { sessionId: [], endedAt: [], reason: [], message: [] };
  for (const item of items) {
    if (item.kind === "session") sessions.push(item.row);
    else if (item.kind === "event") {
      const chunk = chunks.get(item.sessionId);
      if (chunk) chunk.push(item.event);
      else chunks.set(item.sessionId, [item.event]);
    } else {
      ends.sessionId.push(item.sessionId);
      ends.endedAt.push(item.endedAt);
      ends.reason.push(item.reason);
      ends.message.push(item.message);
    }
  }
  const events: SessionBatch["events"] = { sessionId: [], firstSeq: [], lastSeq: [], lastAt: [], chunksJson: "" };
  for (const [sessionId, chunk] of chunks) {
    events.sessionId.push(sessionId);
    events.firstSeq.push(chunk[0]!.seq);
    events.lastSeq.push(chunk.at(-1)!.seq);
    events.lastAt.push(chunk.at(-1)!.at);
  }
  events.chunksJson = jsonTextForPostgres([...chunks.values()]);
  return { sessions, events, ends };
}

/**
 * The statement that inserts session rows, skipping ids already written (a placeholder, a retried batch, a session
 * token used twice); its parameters are sessionRowParams(rows), one array per column, times in epoch milliseconds.
 * The number of rows it inserted is the number of ids that were free.
 */
export const INSERT_SESSIONS_SQL = `INSERT INTO "Session" ("id", "sourceKind", "transport", "userId", "startedAt", "flowId", "draftRevision", "versionId", "versionNumber", "sourceName", "runtimeId", "workspaceId")
  SELECT id, source, transport, "user", to_timestamp(started / 1000), flow, revision, version, number, name, runtime, workspace
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::int[], $8::text[], $9::int[], $10::text[], $11::text[], $12::text[])
    AS v(id, source, transport, "user", started, flow, revision, version, number, name, runtime, workspace)
  ON CONFLICT DO NOTHING`;

export function sessionRowParams(rows: readonly SessionRow[]): unknown[] {
  const column = <T>(pick: (row: SessionRow) => T | undefined) => rows.map((row) => pick(row) ?? null);
  return [
    column((row) => row.id),
    column((row) => row.sourceKind),
    column((row) => row.transport),
    column((row) => row.userId),
    rows.map((row) => row.startedAt),
    column((row) => row.flowId),
    column((row) => row.draftRevision),
    column((row) => row.versionId),
    column((row) => row.versionNumber),
    column((row) => row.sourceName),
    column((row) => row.runtimeId),
    column((row) => row.workspaceId),
  ];
}

/**
 * The statement that inserts a batch's log rows, one per session: its columns as arrays, zipped by ROWS FROM with the
 * JSON array of the chunks' events. `$1`-`$4` are the session ids, first and last seq and the last event's time (epoch
 * ms); `$5` is the JSON.
 */
export const INSERT_EVENTS_SQL = `INSERT INTO "SessionEventChunk" ("sessionId", "firstSeq", "lastSeq", "at", "events")
  SELECT session, first_seq, last_seq, to_timestamp(last_at / 1000), events
  FROM ROWS FROM (unnest($1::text[]), unnest($2::int[]), unnest($3::int[]), unnest($4::float8[]), json_array_elements($5::json))
    AS c(session, first_seq, last_seq, last_at, events)`;

export const eventParams = (events: SessionBatch["events"]) => [
  events.sessionId,
  events.firstSeq,
  events.lastSeq,
  events.lastAt,
  events.chunksJson,
];

/**
 * The statement that ends a batch's sessions, one statement for all of them (a transaction of per-row updates took
 * most of a batch's time). Its parameters are endParams(ends); times cross as epoch milliseconds.
 */
export const END_SESSIONS_SQL = `UPDATE "Session" AS s
  SET "status" = 'ended', "endedAt" = v.ended_at, "endReason" = v.reason, "endMessage" = v.message
  FROM (SELECT id, to_timestamp(ended / 1000) AS ended_at, reason, message
        FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[]) AS u(id, ended, reason, message)) AS v
  WHERE s.id = v.id`;

export const endParams = (ends: SessionBatch["ends"]) => [ends.sessionId, ends.endedAt, ends.reason, ends.message];

/**
 * Writes through the app's Prisma client, on the calling thread: for callers without a connection string of their
 * own (tests with a wrapped client). The server uses sessionWriterThread() instead, which keeps this work off the
 * event loop the sessions share.
 */
export function prismaSessionWriter(db: Database): SessionWriter {
  return {
    // Small enough that one batch's work on the calling thread (Prisma, pg encoding) stays short.
    batchSize: 250,
    async write({ sessions, events, ends }) {
      if (sessions.length > 0) {
        const data = sessions.map((row) => ({ ...row, startedAt: new Date(row.startedAt) }));
        await db.session.createMany({ data, skipDuplicates: true });
      }
      if (events.sessionId.length > 0) {
        // One statement whatever the batch size, and no per-row work in Prisma's query compiler (createMany of 1,000
        // rows held the event loop for tens of ms).
        await db.$executeRawUnsafe(`${INSERT_EVENTS_SQL} ON CONFLICT DO NOTHING`, ...eventParams(events));
      }
      if (ends.sessionId.length > 0) await db.$executeRawUnsafe(END_SESSIONS_SQL, ...endParams(ends));
    },
    close: async () => undefined,
  };
}
