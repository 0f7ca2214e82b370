import type { Database } from "../db/prisma-client";
import type { Prisma } from "../generated/prisma/client";
import type { SessionEvent, SessionEventListener, SessionMeta } from "../runtime/session-events";
import { jsonTextForPostgres } from "./json-for-postgres";

/** Persists the runtime's session events. The listener never waits and never throws; flush() waits for the writes. */
export interface SessionRecorder {
  listener: SessionEventListener;
  /** Resolves when everything queued before the call is written (or given up on after the retries). */
  flush(): Promise<void>;
  /** Items waiting to be written. */
  readonly pending: number;
}

export interface SessionRecorderOptions {
  /** Most rows per statement. */
  batchSize?: number;
  /** Attempts per batch before it is dropped (logged); the delay doubles from retryDelayMs. */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Beyond this many waiting items (the database is down), new ones are dropped and logged. */
  maxPending?: number;
  log?: (message: string, error?: unknown) => void;
}

/** One SessionEvent row, its data already JSON text: events are the hot path, written with one raw statement. */
interface EventRow {
  sessionId: string;
  seq: number;
  type: string;
  at: Date;
  data: string;
}

type Item =
  | { kind: "session"; row: Prisma.SessionCreateManyInput }
  | { kind: "event"; row: EventRow }
  | { kind: "end"; sessionId: string; endedAt: Date; reason: string; message: string | null };

/**
 * Subscribes persistence to the runtime (STYLE.md: the engine announces; others listen). Events wait in one FIFO
 * queue, which keeps each session's row ahead of its events and its end; one writer drains it in batches
 * (createMany across all sessions), so a thousand concurrent sessions cost a few statements per tick, not a
 * thousand. Writes are idempotent (skipDuplicates), so a failed batch is simply retried.
 */
export function createSessionRecorder(db: Database, options: SessionRecorderOptions = {}): SessionRecorder {
  // Small enough that one batch's work on the event loop the sessions share stays short.
  const batchSize = options.batchSize ?? 250;
  const maxAttempts = options.maxAttempts ?? 8;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const maxPending = options.maxPending ?? 200_000;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[session-recorder] ${message}`, error ?? ""));

  const queue: Item[] = [];
  /** Sessions whose row is queued or written and that have not ended; an event for another gets a placeholder row. */
  const known = new Set<string>();
  let enqueued = 0;
  let settled = 0;
  let writing = false;
  let droppedWarned = false;
  const waiters: Array<{ target: number; resolve: () => void }> = [];

  function enqueue(item: Item): void {
    if (queue.length >= maxPending) {
      if (!droppedWarned) log(`${queue.length} writes are waiting; dropping session events until the database catches up`);
      droppedWarned = true;
      return;
    }
    queue.push(item);
    enqueued++;
  }

  const listener: SessionEventListener = (sessionId, event) => {
    try {
      if (event.type === "session.started") {
        known.add(sessionId);
        enqueue({ kind: "session", row: sessionRow(sessionId, event.meta, event.at) });
      } else if (!known.has(sessionId)) {
        // Started before this recorder subscribed (or in another process): record what we see.
        known.add(sessionId);
        enqueue({ kind: "session", row: { id: sessionId, sourceKind: "unknown", transport: "unknown", startedAt: new Date(event.at) } });
      }
      enqueue({ kind: "event", row: eventRow(sessionId, event) });
      if (event.type === "session.ended") {
        known.delete(sessionId);
        enqueue({ kind: "end", sessionId, endedAt: new Date(event.at), reason: event.reason, message: event.message ?? null });
      }
    } catch (error) {
      log(`could not queue event ${event.seq} of session ${sessionId}`, error);
    }
    if (!writing) {
      writing = true;
      // After the runtime's synchronous work: events published in the same tick share a batch.
      setImmediate(() => void drain());
    }
  };

  async function drain(): Promise<void> {
    let attempt = 0;
    while (queue.length > 0) {
      const batch = queue.slice(0, batchSize);
      try {
        await writeBatch(db, batch);
        attempt = 0;
        settle(batch.length);
      } catch (error) {
        attempt++;
        if (attempt >= maxAttempts) {
          log(`giving up on ${batch.length} session writes after ${attempt} attempts`, error);
          attempt = 0;
          settle(batch.length);
        } else {
          log(`writing ${batch.length} session rows failed (attempt ${attempt}); retrying`, error);
          await sleep(retryDelayMs * 2 ** (attempt - 1));
        }
      }
    }
    writing = false;
    droppedWarned = false;
  }

  function settle(count: number): void {
    queue.splice(0, count);
    settled += count;
    for (let index = waiters.length - 1; index >= 0; index--) {
      const waiter = waiters[index]!;
      if (waiter.target <= settled) {
        waiters.splice(index, 1);
        waiter.resolve();
      }
    }
  }

  return {
    listener,
    flush: () => (settled >= enqueued ? Promise.resolve() : new Promise((resolve) => waiters.push({ target: enqueued, resolve }))),
    get pending() {
      return queue.length;
    },
  };
}

/** Writes one FIFO slice: session rows, then events, then ends, so every reference points at a written row. */
async function writeBatch(db: Database, batch: Item[]): Promise<void> {
  const sessions: Prisma.SessionCreateManyInput[] = [];
  const events: EventRow[] = [];
  const ends: Array<Extract<Item, { kind: "end" }>> = [];
  for (const item of batch) {
    if (item.kind === "session") sessions.push(item.row);
    else if (item.kind === "event") events.push(item.row);
    else ends.push(item);
  }
  if (sessions.length > 0) await db.session.createMany({ data: sessions, skipDuplicates: true });
  if (events.length > 0) {
    // unnest over parameter arrays: one statement whatever the batch size, and no per-row work in Prisma's query
    // compiler, which runs on the event loop the sessions share (createMany of 1,000 rows held it for tens of ms).
    await db.$executeRaw`
      INSERT INTO "SessionEvent" ("sessionId", "seq", "type", "at", "data")
      SELECT * FROM unnest(
        ${events.map((event) => event.sessionId)}::text[],
        ${events.map((event) => event.seq)}::int[],
        ${events.map((event) => event.type)}::text[],
        ${events.map((event) => event.at.toISOString())}::timestamptz[],
        ${events.map((event) => event.data)}::jsonb[]
      )
      ON CONFLICT DO NOTHING`;
  }
  if (ends.length > 0) {
    // One statement for every end in the batch; a transaction of per-row updates took most of the batch's time.
    await db.$executeRaw`
      UPDATE "Session" AS s
      SET "status" = 'ended', "endedAt" = v.ended_at, "endReason" = v.reason, "endMessage" = v.message
      FROM unnest(
        ${ends.map((end) => end.sessionId)}::text[],
        ${ends.map((end) => end.endedAt.toISOString())}::timestamptz[],
        ${ends.map((end) => end.reason)}::text[],
        ${ends.map((end) => end.message)}::text[]
      ) AS v(id, ended_at, reason, message)
      WHERE s.id = v.id`;
  }
}

function sessionRow(sessionId: string, meta: SessionMeta, at: number): Prisma.SessionCreateManyInput {
  const base = { id: sessionId, transport: meta.transport, userId: meta.userId ?? null, startedAt: new Date(at) };
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

function eventRow(sessionId: string, event: SessionEvent): EventRow {
  const { seq, at, ...body } = event;
  return { sessionId, seq, type: event.type, at: new Date(at), data: jsonTextForPostgres(body) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
