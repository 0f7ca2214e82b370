import { requestThread } from "../threads/request-thread";
import type { SessionBatch, SessionWriter } from "./session-writes";

/**
 * A writer whose database work runs on a worker thread with its own connection (session-writer-worker.ts): the event
 * loop only hands each batch over (a structured clone) and hears back. The thread starts on the first write, is
 * restarted after a crash, and keeps the process alive only while a write is in flight.
 */
export function sessionWriterThread(connectionString: string): SessionWriter {
  const thread = requestThread<{ type: "write"; batch: SessionBatch }, null>(new URL("./session-writer-worker.ts", import.meta.url), {
    connectionString,
  });
  return {
    // Each batch costs the database a commit (~3 ms of CPU on the embedded one) besides its rows; the calling thread
    // pays only per item (grouping and cloning), so batches can be large.
    batchSize: 2000,
    async write(batch: SessionBatch) {
      await thread.request({ type: "write", batch });
    },
    close: () => thread.close(),
  };
}
