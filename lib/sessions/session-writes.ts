import type { Database } from "../db/prisma-client";

/** A Session row as the recorder first writes it (status defaults to live); times in epoch milliseconds. */
export interface SessionRow {
  id: string;
  sourceKind: string;
  transport: string;
  startedAt: number;
  userId?: string | null;
  flowId?: string | null;
  draftRevision?: number | null;
  versionId?: string | null;
  versionNumber?: number | null;
  sourceName?: string | null;
}

/** One SessionEvent row, its data already JSON text. */
export interface EventRow {
  sessionId: string;
  seq: number;
  type: string;
  at: number;
  data: string;
}

/** One write the recorder queues, in the order the runtime announced it. */
export type SessionWrite =
  | { kind: "session"; row: SessionRow }
  | { kind: "event"; row: EventRow }
  | { kind: "end"; sessionId: string; endedAt: number; reason: string; message: string | null };

/**
 * A FIFO slice of the recorder's queue, by kind, written in this order (session rows, events, ends) so every reference
 * points at a written row. Events and ends are columns: the statements take them as arrays, and arrays of strings and
 * numbers cross to a worker thread far more cheaply than as many small objects.
 */
export interface SessionBatch {
  sessions: SessionRow[];
  events: { sessionId: string[]; seq: number[]; type: string[]; at: number[]; data: string[] };
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
  const batch: SessionBatch = {
    sessions: [],
    events: { sessionId: [], seq: [], type: [], at: [], data: [] },
    ends: { sessionId: [], endedAt: [], reason: [], message: [] },
  };
  const { sessions, events, ends } = batch;
  for (const item of items) {
    if (item.kind === "session") sessions.push(item.row);
    else if (item.kind === "event") {
      events.sessionId.push(item.row.sessionId);
      events.seq.push(item.row.seq);
      events.type.push(item.row.type);
      events.at.push(item.row.at);
      events.data.push(item.row.data);
    } else {
      ends.sessionId.push(item.sessionId);
      ends.endedAt.push(item.endedAt);
      ends.reason.push(item.reason);
      ends.message.push(item.message);
    }
  }
  return batch;
}

/** Epoch milliseconds as timestamptz text. */
export const isoTimes = (times: number[]) => times.map((ms) => new Date(ms).toISOString());

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
      if (events.seq.length > 0) {
        // unnest over parameter arrays: one statement whatever the batch size, and no per-row work in Prisma's query
        // compiler (createMany of 1,000 rows held the event loop for tens of ms).
        await db.$executeRaw`
          INSERT INTO "SessionEvent" ("sessionId", "seq", "type", "at", "data")
          SELECT * FROM unnest(
            ${events.sessionId}::text[],
            ${events.seq}::int[],
            ${events.type}::text[],
            ${isoTimes(events.at)}::timestamptz[],
            ${events.data}::jsonb[]
          )
          ON CONFLICT DO NOTHING`;
      }
      if (ends.sessionId.length > 0) {
        // One statement for every end in the batch; a transaction of per-row updates took most of the batch's time.
        await db.$executeRaw`
          UPDATE "Session" AS s
          SET "status" = 'ended', "endedAt" = v.ended_at, "endReason" = v.reason, "endMessage" = v.message
          FROM unnest(
            ${ends.sessionId}::text[],
            ${isoTimes(ends.endedAt)}::timestamptz[],
            ${ends.reason}::text[],
            ${ends.message}::text[]
          ) AS v(id, ended_at, reason, message)
          WHERE s.id = v.id`;
      }
    },
    close: async () => undefined,
  };
}
