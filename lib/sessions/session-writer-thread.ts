import type { Worker } from "node:worker_threads";
import { typescriptWorker } from "../threads/typescript-worker";
import type { SessionBatch, SessionWriter } from "./session-writes";

/**
 * A writer whose database work runs on a worker thread with its own connection (session-writer-worker.ts): the event
 * loop only hands each batch over (a structured clone) and hears back. The thread starts on the first write, is
 * restarted after a crash, and keeps the process alive only while a write is in flight.
 */
export function sessionWriterThread(connectionString: string): SessionWriter {
  let worker: Worker | undefined;
  let nextId = 0;
  const inFlight = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  function failAll(error: Error): void {
    for (const pending of inFlight.values()) pending.reject(error);
    inFlight.clear();
  }

  function start(): Worker {
    const started = typescriptWorker(new URL("./session-writer-worker.ts", import.meta.url), { workerData: { connectionString } });
    started.on("message", (reply: { id: number; error?: string; code?: string }) => {
      const pending = inFlight.get(reply.id);
      inFlight.delete(reply.id);
      if (inFlight.size === 0) started.unref();
      if (reply.error === undefined) pending?.resolve();
      else pending?.reject(Object.assign(new Error(reply.error), reply.code === undefined ? {} : { code: reply.code }));
    });
    started.on("error", (error) => {
      if (worker === started) worker = undefined;
      failAll(error);
    });
    started.on("exit", (code) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`the session writer thread exited (${code})`));
    });
    return started;
  }

  return {
    // Each batch costs the database a commit (~3 ms of CPU on the embedded one) besides its rows; the calling thread
    // pays only per item (grouping and cloning), so batches can be large.
    batchSize: 2000,
    write(batch: SessionBatch) {
      const thread = (worker ??= start());
      const id = nextId++;
      thread.ref();
      return new Promise<void>((resolve, reject) => {
        inFlight.set(id, { resolve, reject });
        thread.postMessage({ type: "write", id, batch });
      });
    },
    async close() {
      const thread = worker;
      if (!thread) return;
      worker = undefined;
      thread.ref();
      const exited = new Promise((resolve) => thread.once("exit", resolve));
      thread.postMessage({ type: "close" });
      await exited;
    },
  };
}
