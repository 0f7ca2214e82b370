import type { Database } from "../db/prisma-client";
import { isDatabaseUnreachable } from "../db/unreachable";
import type { SessionEventListener } from "../runtime/session-events";
import { prismaSessionWriter, sessionRowFor, toBatch, type SessionBatch, type SessionWrite, type SessionWriter } from "./session-writes";

/** Persists the runtime's session events. The listener never waits and never throws; flush() waits for the writes. */
export interface SessionRecorder {
  listener: SessionEventListener;
  /** Resolves when everything queued before the call is written (or given up on after the retries). */
  flush(): Promise<void>;
  /** Items waiting to be written. */
  readonly pending: number;
  /**
   * Flushes, then releases the writer (its thread and connection); for shutdown. With `timeoutMs`, writes still
   * waiting then (the database is not answering) are given up on, and said so, rather than hold the shutdown forever.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

export interface SessionRecorderOptions {
  /** Most queued items per batch (default: the writer's batchSize). */
  batchSize?: number;
  /** Attempts per batch before it is dropped (logged); the delay doubles from retryDelayMs. */
  maxAttempts?: number;
  retryDelayMs?: number;
  /**
   * How long a batch gathers events before it is written (flush() cuts it short). Each statement has a fixed cost on
   * the event loop the sessions share (Prisma, pg, and in embedded mode the database itself), and sessions speak in
   * different ticks: without the wait, 1,000 sessions meant about one statement per utterance. Default 100 ms.
   */
  batchDelayMs?: number;
  /** Beyond this many waiting items (the database is down), new ones are dropped and logged. */
  maxPending?: number;
  log?: (message: string, error?: unknown) => void;
  /**
   * Where the batches go. By default `db`'s Prisma client, on this thread; the server passes sessionWriterThread(url),
   * which keeps the database work off the event loop the sessions share.
   */
  writer?: SessionWriter;
  /** The runtime process whose sessions these are (its lease; see runtime-lease.ts), written on each row. */
  runtimeId?: string;
}

/**
 * Subscribes persistence to the runtime (STYLE.md: the engine announces; others listen). Events wait in one FIFO
 * queue, which keeps each session's row ahead of its events and its end; one writer drains it in batches gathered
 * over batchDelayMs (one statement per kind across all sessions), so a thousand concurrent sessions cost a few
 * statements every few tens of milliseconds, not one per utterance. Writes are idempotent, so a failed batch is
 * simply retried.
 */
export function createSessionRecorder(db: Database, options: SessionRecorderOptions = {}): SessionRecorder {
  const maxAttempts = options.maxAttempts ?? 8;
  const retryDelayMs = options.retryDelayMs ?? 100;
  const batchDelayMs = options.batchDelayMs ?? 100;
  const maxPending = options.maxPending ?? 200_000;
  const writer = options.writer ?? prismaSessionWriter(db);
  const runtimeId = options.runtimeId ?? null;
  const batchSize = options.batchSize ?? writer.batchSize;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[session-recorder] ${message}`, error ?? ""));

  const queue: SessionWrite[] = [];
  /** Sessions whose row is queued or written and that have not ended; an event for another gets a placeholder row. */
  const known = new Set<string>();
  let enqueued = 0;
  let settled = 0;
  /** Items of the batch being written: out of the queue (serialized), not yet settled. */
  let inFlight = 0;
  let writing = false;
  let droppedWarned = false;
  let outage = false;
  /** Set when close() gave up on what was left: the writer is going away. */
  let closed = false;
  const waiters: Array<{ target: number; resolve: () => void }> = [];
  /** Ends the current batch wait early (flush() was called). */
  let wake: (() => void) | undefined;

  /** Lets a batch gather events for batchDelayMs, unless someone waits for the writes. */
  function gather(): Promise<void> {
    if (waiters.length > 0 || queue.length >= batchSize) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, batchDelayMs);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  function enqueue(item: SessionWrite): void {
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
        enqueue({ kind: "session", row: sessionRowFor(event.meta, event.at, runtimeId) });
      } else if (!known.has(sessionId)) {
        // Started before this recorder subscribed (or in another process): record what we see.
        known.add(sessionId);
        enqueue({ kind: "session", row: { id: sessionId, sourceKind: "unknown", transport: "unknown", startedAt: event.at, runtimeId } });
      }
      // The event as published: stamped events are never changed afterwards, so it is serialized with its batch.
      enqueue({ kind: "event", sessionId, event });
      if (event.type === "session.ended") {
        known.delete(sessionId);
        enqueue({ kind: "end", sessionId, endedAt: event.at, reason: event.reason, message: event.message ?? null });
      }
    } catch (error) {
      log(`could not queue event ${event.seq} of session ${sessionId}`, error);
    }
    if (!writing) {
      writing = true;
      void drain();
    }
  };

  async function drain(): Promise<void> {
    while (queue.length > 0 && !closed) {
      // Also after a write: what arrived meanwhile waits for more, so the batches stay few and full.
      await gather();
      const count = Math.min(queue.length, batchSize);
      // Serialized and let go of at once: only the batch's JSON waits for the write (and its retries). Events held
      // through a slow write (a busy database takes 100 ms and more) outlive the young generation and are promoted, to
      // be collected by a pause of the event loop the sessions share: letting go of them took 15-25% off the garbage
      // collector's time in a recorder fed 10,000 events a second with writes of 150 ms.
      const items = queue.splice(0, count);
      let batch: SessionBatch;
      try {
        batch = toBatch(items);
      } catch (error) {
        log(`could not serialize ${count} session writes; dropping them`, error);
        settle(count);
        continue;
      }
      inFlight = count;
      await writeWithRetries(batch, count);
      inFlight = 0;
      if (!closed) settle(count);
    }
    writing = false;
    droppedWarned = false;
  }

  /** Writes one batch, retrying it while the database is away and up to maxAttempts on other errors. */
  async function writeWithRetries(batch: SessionBatch, count: number): Promise<void> {
    for (let attempt = 1; !closed; attempt++) {
      try {
        await writer.write(batch);
        if (outage) log("the database is back; session writes resumed");
        outage = false;
        return;
      } catch (error) {
        if (isDatabaseUnreachable(error)) {
          // The database is away (restarting, unreachable): the batch is fine and is kept until it is back, within
          // maxPending. Said once per outage, not once per retry.
          if (!outage) log(`the database is not answering; keeping ${queue.length + count} session writes until it is back`, error);
          outage = true;
          await sleep(Math.min(retryDelayMs * 2 ** (attempt - 1), MAX_OUTAGE_RETRY_MS));
        } else if (attempt >= maxAttempts) {
          log(`giving up on ${count} session writes after ${attempt} attempts`, error);
          return;
        } else {
          log(`writing ${count} session rows failed (attempt ${attempt}); retrying`, error);
          await sleep(retryDelayMs * 2 ** (attempt - 1));
        }
      }
    }
  }

  function settle(count: number): void {
    settled += count;
    for (let index = waiters.length - 1; index >= 0; index--) {
      const waiter = waiters[index]!;
      if (waiter.target <= settled) {
        waiters.splice(index, 1);
        waiter.resolve();
      }
    }
  }

  const flush = () => {
    if (settled >= enqueued) return Promise.resolve();
    const written = new Promise<void>((resolve) => waiters.push({ target: enqueued, resolve }));
    wake?.();
    return written;
  };

  return {
    listener,
    flush,
    async close({ timeoutMs }: { timeoutMs?: number } = {}) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<"timeout">((resolve) => {
        if (timeoutMs !== undefined) timer = setTimeout(() => resolve("timeout"), timeoutMs);
      });
      const result = await Promise.race([flush(), timedOut]);
      clearTimeout(timer);
      if (result === "timeout") {
        closed = true;
        const left = queue.length + inFlight;
        log(`giving up on ${left} session writes at shutdown: the database did not take them within ${timeoutMs} ms`);
        queue.length = 0;
        inFlight = 0;
        settle(left);
      }
      await writer.close();
    },
    get pending() {
      return queue.length + inFlight;
    },
  };
}

/** The longest wait between writes while the database is away. */
const MAX_OUTAGE_RETRY_MS = 2000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
