import { mkdtempSync, rmSync } from "node:fs";
import { Agent, type IncomingMessage, type ServerResponse } from "node:http";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Duplex } from "node:stream";
import type { Worker } from "node:worker_threads";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "../http/client-address";
import { typescriptWorker } from "../threads/typescript-worker";
import { forwardRequest, type ForwardTarget } from "./forward-request";
import type { EditorThreadData, EditorThreadMessage, MainThreadMessage } from "./editor-thread-messages";
import type { CollabNotice } from "../collab/collab-notice";
import type { SessionControl } from "./session-control";

/** Whether a reverse proxy in front of the server says who the client is (X-Forwarded-For); docs/deployment.md. */
const TRUST_PROXY = process.env.TRUST_PROXY === "1";

export interface EditorThreadOptions {
  dev: boolean;
  hostname: string;
  port: number;
  /** The database the API uses: the main thread's (the embedded one is owned there). */
  databaseUrl: string;
  /** Ends live calls for the API's `POST /api/sessions/{id}/end`. */
  control: SessionControl;
  /** Live co-editing, told of saves over HTTP and of changed access (none: nothing is told). */
  collab?: CollabNotice;
  log?: (line: string) => void;
}

/** Next.js on a thread of its own, and the front server's way to it. */
export interface EditorThread {
  /** Forwards a request (pages, API, assets) to the editor thread. */
  handleRequest(request: IncomingMessage, response: ServerResponse): void;
  /** Forwards a WebSocket upgrade that is not the runtime's (Next.js dev's hot reload). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  stop(): Promise<void>;
}

/** Restarts allowed within a minute before a crashing editor thread takes the process down. */
const MAX_RESTARTS = 3;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Runs Next.js (the editor's pages and the HTTP API) on a worker thread and forwards the front server's requests to
 * it over a Unix socket. Next.js costs ~2 ms of CPU per request, a page render tens of ms: on the event loop that
 * also runs the calls, every page view and save delayed every caller's turn. Here the main thread pays only for
 * forwarding, and the editor's work runs on another core. A thread that crashes is restarted (then requests get 502
 * for a moment); one that keeps crashing exits the process with code 1.
 */
export async function startEditorThread(options: EditorThreadOptions): Promise<EditorThread> {
  const log = options.log ?? ((line: string) => console.log(`[editor] ${line}`));
  const socketFolder = mkdtempSync(path.join(os.tmpdir(), "switchboard-editor-"));
  const socketPath = path.join(socketFolder, "editor.sock");
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const data: EditorThreadData = { dir: process.cwd(), dev: options.dev, hostname: options.hostname, port: options.port, socketPath };
  let worker: Worker;
  let stopping = false;
  /** From an unexpected exit until the new thread is ready: what a failed request's 502 then says. */
  let restarting = false;
  const restarts: number[] = [];

  const start = () =>
    new Promise<Worker>((resolve, reject) => {
      rmSync(socketPath, { force: true });
      const started = typescriptWorker(new URL("./editor-worker.ts", import.meta.url), {
        workerData: data,
        env: { ...process.env, DATABASE_URL: options.databaseUrl },
      });
      started.on("message", (message: EditorThreadMessage) => {
        if (message.type === "ready") resolve(started);
        else if (message.type === "endSession") void answerEndSession(started, message);
        else if (message.type === "startLiveKitCall") void answerStartLiveKitCall(started, message);
        else if (message.type === "collabFlowChanged") options.collab?.flowChanged(message.flowId);
        else if (message.type === "collabAccessChanged") options.collab?.accessChanged(message.workspaceId, message.userId);
      });
      started.once("error", (error) => {
        log(`the editor thread failed: ${error.stack ?? error.message}`);
        reject(error);
      });
      started.once("exit", (code) => {
        reject(new Error(`the editor thread exited (${code}) before it was ready`));
        if (!stopping && worker === started) void restart(code);
      });
    });

  const answerEndSession = async (target: Worker, message: Extract<EditorThreadMessage, { type: "endSession" }>) => {
    const outcome = await options.control.endSession(message.sessionId, message.reason, message.options).catch((error: unknown) => ({
      kind: "unreachable" as const,
      message: error instanceof Error ? error.message : String(error),
    }));
    const reply: MainThreadMessage = { type: "endSessionResult", id: message.id, outcome };
    target.postMessage(reply);
  };

  const answerStartLiveKitCall = async (target: Worker, message: Extract<EditorThreadMessage, { type: "startLiveKitCall" }>) => {
    const outcome = await options.control.startLiveKitCall(message.sessionToken, message.options).catch((error: unknown) => {
      log(`starting a LiveKit call failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { kind: "unavailable" as const, message: "The LiveKit call could not be started; the server logged why" };
    });
    const reply: MainThreadMessage = { type: "startLiveKitCallResult", id: message.id, outcome };
    target.postMessage(reply);
  };

  const restart = async (code: number) => {
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && (restarts[0] as number) < now - 60_000) restarts.shift();
    if (restarts.length > MAX_RESTARTS) {
      console.error(`[editor] FATAL: the editor thread keeps exiting (last code ${code}); exiting.`);
      process.exit(1);
    }
    log(`the editor thread exited (${code}); restarting it`);
    restarting = true;
    try {
      worker = await start();
      restarting = false;
      log("the editor thread is back");
    } catch (error) {
      console.error(`[editor] FATAL: the editor thread could not be restarted: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };

  worker = await start();

  const target: ForwardTarget = {
    socketPath,
    agent,
    extraHeaders: (request) => ({
      "x-forwarded-for": request.socket.remoteAddress ?? "",
      [CLIENT_ADDRESS_HEADER]: clientAddress(request, TRUST_PROXY),
    }),
    restarting: () => restarting,
  };

  return {
    handleRequest(request, response) {
      forwardRequest(target, request, response);
    },
    handleUpgrade(request, socket, head) {
      const upstream = connect(socketPath, () => {
        const lines = [`${request.method} ${request.url} HTTP/1.1`];
        for (let index = 0; index < request.rawHeaders.length; index += 2)
          lines.push(`${request.rawHeaders[index]}: ${request.rawHeaders[index + 1]}`);
        upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
        if (head.length > 0) upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      const close = () => {
        upstream.destroy();
        socket.destroy();
      };
      upstream.on("error", close);
      socket.on("error", close);
    },
    async stop() {
      stopping = true;
      agent.destroy();
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.postMessage({ type: "stop" } satisfies MainThreadMessage);
      const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      rmSync(socketFolder, { recursive: true, force: true });
    },
  };
}
