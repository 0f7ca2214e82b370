/**
 * The session writer's thread (started by session-writer-thread.ts): writes the recorder's batches with node-pg and
 * plain parameterized statements, so neither Prisma's per-query work nor pg's encoding and socket writes run on the
 * event loop the sessions share. One batch at a time, in the order received.
 *
 * Messages: `{ type: "write", id, batch }` → `{ id, result: null }` or `{ id, error, code? }` (code: PostgreSQL's or node's error code, so the
 * recorder can tell a lost database from a bad batch); `{ type: "close" }` ends the pool and the thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";
import { lowerThisThreadsPriority } from "../threads/lower-thread-priority";
import { replyTo } from "../threads/request-thread";
import {
  END_SESSIONS_SQL,
  endParams,
  eventParams,
  INSERT_EVENTS_SQL,
  INSERT_SESSIONS_SQL,
  sessionRowParams,
  type SessionBatch,
} from "./session-writes";

type Request = { type: "write"; id: number; batch: SessionBatch } | { type: "close" };

const port = parentPort;
if (!port) throw new Error("session-writer-worker runs in a worker thread");
const { connectionString } = workerData as { connectionString: string };
// Writing the log can wait; the sessions cannot.
lowerThisThreadsPriority();
// One connection: batches are written one after another anyway.
const pool = new pg.Pool({ connectionString, max: 1, idleTimeoutMillis: 10_000 });
// An idle connection the server closed (a restart, the embedded database stopping): the next query reconnects.
pool.on("error", () => undefined);

let queue = Promise.resolve();
port.on("message", (request: Request) => {
  if (request.type === "close") {
    queue = queue.then(() => pool.end()).finally(() => port.close());
    return;
  }
  queue = queue.then(async () =>
    port.postMessage(
      await replyTo(
        request.id,
        write(request.batch).then(() => null),
      ),
    ),
  );
});

/**
 * One transaction per batch: on the embedded database a commit costs about as much as writing 250 rows (measured:
 * ~3 ms a commit, ~11 µs a row), and it is CPU the sessions' event loop competes with on a small machine.
 */
async function write(batch: SessionBatch): Promise<void> {
  try {
    await writeInTransaction(batch, false);
  } catch (error) {
    // Some events are there already: a retry of a batch whose commit went through but whose answer was lost.
    if (!(error instanceof Error && "code" in error && error.code === UNIQUE_VIOLATION)) throw error;
    await writeInTransaction(batch, true);
  }
}

const UNIQUE_VIOLATION = "23505";

async function writeInTransaction(batch: SessionBatch, skipWrittenEvents: boolean): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await writeStatements(client, batch, skipWrittenEvents);
    await client.query("COMMIT");
    client.release();
  } catch (error) {
    // A broken connection is dropped from the pool rather than reused; a failed statement just rolls back.
    await client.query("ROLLBACK").then(
      () => client.release(),
      (rollbackError: unknown) => client.release(rollbackError instanceof Error ? rollbackError : true),
    );
    throw error;
  }
}

/**
 * Times cross as epoch milliseconds and become timestamps in the statement: parsing timestamptz text cost ~25% of the
 * database's CPU per event row (embedded, measured: 30 → 21 µs a row).
 *
 * Events are inserted without ON CONFLICT unless a first attempt met rows already written: the speculative insertion
 * it needs cost ~20% more database CPU a row (embedded, measured). Session rows keep it: a placeholder may exist.
 */
async function writeStatements(client: pg.PoolClient, { sessions, events, ends }: SessionBatch, skipWrittenEvents: boolean): Promise<void> {
  if (sessions.length > 0) await client.query(INSERT_SESSIONS_SQL, sessionRowParams(sessions));
  if (events.sessionId.length > 0) {
    await client.query(`${INSERT_EVENTS_SQL} ${skipWrittenEvents ? "ON CONFLICT DO NOTHING" : ""}`, eventParams(events));
  }
  if (ends.sessionId.length > 0) await client.query(END_SESSIONS_SQL, endParams(ends));
}
