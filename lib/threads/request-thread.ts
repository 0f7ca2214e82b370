import type { Worker } from "node:worker_threads";
import { typescriptWorker } from "./typescript-worker";

/** What a request thread answers: a result, or an error with the code it carried (PostgreSQL's, node's). */
export type ThreadReply<Result> = { id: number; result: Result } | { id: number; error: string; code?: string };

/** A worker thread that answers requests, one reply per request, matched by id. */
export interface RequestThread<Request, Result> {
  request(message: Request): Promise<Result>;
  /** Sends `{ type: "close" }` and waits for the thread to exit; a request after it starts a new thread. */
  close(): Promise<void>;
}

/**
 * Starts the thread on the first request and again after a crash (whose pending requests fail), and keeps the process
 * alive only while a request is in flight: an idle thread never holds a stopping server open.
 */
export function requestThread<Request extends object, Result>(entry: URL, workerData: unknown): RequestThread<Request, Result> {
  let worker: Worker | undefined;
  let nextId = 0;
  const inFlight = new Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void }>();

  function failAll(error: Error): void {
    for (const pending of inFlight.values()) pending.reject(error);
    inFlight.clear();
  }

  function start(): Worker {
    const started = typescriptWorker(entry, { workerData });
    started.on("message", (reply: ThreadReply<Result>) => {
      const pending = inFlight.get(reply.id);
      inFlight.delete(reply.id);
      if (inFlight.size === 0) started.unref();
      if ("result" in reply) pending?.resolve(reply.result);
      else pending?.reject(Object.assign(new Error(reply.error), reply.code === undefined ? {} : { code: reply.code }));
    });
    started.on("error", (error) => {
      if (worker === started) worker = undefined;
      failAll(error);
    });
    started.on("exit", (code) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`the thread ${entry.pathname.split("/").pop()} exited (${code})`));
    });
    return started;
  }

  return {
    request(message) {
      const thread = (worker ??= start());
      const id = nextId++;
      thread.ref();
      return new Promise<Result>((resolve, reject) => {
        inFlight.set(id, { resolve, reject });
        thread.postMessage({ ...message, id });
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

/** The reply to request `id` once `work` settles: its result, or its error's message and code. */
export async function replyTo<Result>(id: number, work: Promise<Result>): Promise<ThreadReply<Result>> {
  try {
    return { id, result: await work };
  } catch (error) {
    return {
      id,
      error: error instanceof Error ? error.message : String(error),
      code: error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined,
    };
  }
}
