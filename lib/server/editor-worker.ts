/**
 * The editor thread (started by editor-thread.ts): Next.js, serving the pages and the HTTP API on a Unix socket that
 * only the front server in the main thread connects to. Its database connections are its own (DATABASE_URL names the
 * main thread's database); ending a live call and starting one in a LiveKit room, what the API asks of the runtime, go to
 * the main thread by message. Stops on `{ type: "stop" }`.
 */
import { createServer } from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import { installCollabNotice } from "../collab/collab-notice";
import { closeDatabase, database } from "../db/database";
import { lowerThisThreadsPriority } from "../threads/lower-thread-priority";
import type { EditorThreadData, EditorThreadMessage, MainThreadMessage } from "./editor-thread-messages";
import { installSessionControl, type EndSessionOutcome, type LiveKitCallOutcome } from "./session-control";

const port = parentPort;
if (!port) throw new Error("editor-worker runs in a worker thread");
const data = workerData as EditorThreadData;
const send = (message: EditorThreadMessage) => port.postMessage(message);
// A page or a save can wait a moment on a busy machine; a caller's turn cannot.
lowerThisThreadsPriority();

let nextRequest = 0;
const waiting = new Map<number, (outcome: EndSessionOutcome) => void>();
const waitingCalls = new Map<number, (outcome: LiveKitCallOutcome) => void>();
installSessionControl({
  endSession(sessionId, reason, options = {}) {
    const id = nextRequest++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      send({ type: "endSession", id, sessionId, reason, options });
    });
  },
  startLiveKitCall(sessionToken, options = {}) {
    const id = nextRequest++;
    return new Promise((resolve) => {
      waitingCalls.set(id, resolve);
      send({ type: "startLiveKitCall", id, sessionToken, options });
    });
  },
});

installCollabNotice({
  flowChanged: (flowId) => send({ type: "collabFlowChanged", flowId }),
  accessChanged: (workspaceId, userId) => send({ type: "collabAccessChanged", workspaceId, userId }),
});

// The main thread's agent keeps its connections to this socket open without limit (editor-thread.ts). With Node's
// default 5 s keep-alive timeout this server closed an idle one just as the agent reused it now and then: the request
// failed with ECONNRESET and the browser got a 502 "The editor is restarting" while nothing was (seen in CI, a reload
// in e2e/co-editing.spec.ts). Only the main thread connects here, so idle connections are never timed out.
const httpServer = createServer({ keepAliveTimeout: 0 });
// Opened before Next.js, so a database that cannot be reached fails the start instead of the first request.
await database();
const { default: next } = await import("next");
const app = next({ dev: data.dev, dir: data.dir, hostname: data.hostname, port: data.port, httpServer });
await app.prepare();
const handle = app.getRequestHandler();
httpServer.on("request", (request, response) => void handle(request, response));
await new Promise<void>((resolve, reject) => {
  httpServer.once("error", reject);
  httpServer.listen(data.socketPath, () => resolve());
});

port.on("message", (message: MainThreadMessage) => {
  if (message.type === "endSessionResult") {
    waiting.get(message.id)?.(message.outcome);
    waiting.delete(message.id);
  } else if (message.type === "startLiveKitCallResult") {
    waitingCalls.get(message.id)?.(message.outcome);
    waitingCalls.delete(message.id);
  } else if (message.type === "stop") {
    void stop();
  }
});
send({ type: "ready" });

async function stop(): Promise<void> {
  httpServer.closeAllConnections();
  await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  await app.close();
  await closeDatabase();
  // Ends this thread only (Next.js may hold timers that would keep it alive).
  process.exit(0);
}
