import type { Server as HttpServer } from "node:http";
import { Server, type ServerOptions } from "socket.io";
import { RuntimeEvents } from "../runtime/session-events";
import { SessionRegistry } from "../runtime/session-registry";
import { attachSocketRuntime } from "../runtime/transports/socketio";
import { installRuntimeHost, uninstallRuntimeHost, type RuntimeHost } from "./runtime-host";
import { createSessionOpener, type FlowLookup } from "./session-opener";

/**
 * Socket.IO's own ceiling on one message. Kept well above the protocol's limits (2,000-character utterances)
 * so an oversized message reaches our parser and gets a clear `error` event instead of a silent disconnect.
 */
export const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024 * 1024;

export interface RuntimeServerOptions {
  httpServer: HttpServer;
  lookup: FlowLookup;
  secret: () => string;
  events?: RuntimeEvents;
  /** With a Redis URL, several runtime processes share rooms and server-side events (scale-out). */
  redisUrl?: string;
  /** Origins allowed to open sessions from a browser on another origin (the standalone runtime). */
  corsOrigins?: string[];
  /** Checks each handshake before anything else (the server's host and origin guard, lib/server/guarded-http.ts). */
  allowRequest?: ServerOptions["allowRequest"];
  maxSessions?: number;
}

/** Server-side event asking every runtime process to end one session it may hold. */
const CLUSTER_END_EVENT = "switchboard:end-session";

export interface RuntimeServer extends RuntimeHost {
  io: Server;
  /** Ends every live session through the End path (reason `shutdown`), then closes Socket.IO. */
  shutdown(options?: { graceMs?: number }): Promise<void>;
}

/** Attaches the session runtime to an HTTP server: one process can serve the editor and the runtime on one port. */
export async function attachRuntimeServer(options: RuntimeServerOptions): Promise<RuntimeServer> {
  const io = new Server(options.httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    // Next.js dev uses WebSocket upgrades of its own (HMR): leave upgrades that are not ours alone.
    destroyUpgrade: false,
    cors: options.corsOrigins ? { origin: options.corsOrigins } : undefined,
    allowRequest: options.allowRequest,
  });
  const redis = options.redisUrl ? await attachRedisAdapter(io, options.redisUrl) : undefined;
  const events = options.events ?? new RuntimeEvents();
  const registry = new SessionRegistry();
  attachSocketRuntime(io, {
    open: createSessionOpener({ lookup: options.lookup, secret: options.secret }),
    events,
    registry,
    maxSessions: options.maxSessions,
  });
  const clusterEnd = redis ? listenForClusterEnds(io, registry) : undefined;
  const host: RuntimeHost = {
    registry,
    events,
    async endSession(sessionId, reason, endOptions = {}) {
      if (registry.terminate(sessionId, reason, endOptions)) return true;
      return clusterEnd ? clusterEnd(sessionId, reason, endOptions) : false;
    },
  };
  installRuntimeHost(host);
  return {
    io,
    ...host,
    async shutdown({ graceMs = 5000 } = {}) {
      registry.terminateAll("shutdown");
      await Promise.race([registry.whenEmpty(), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      uninstallRuntimeHost(host);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await redis?.close();
    },
  };
}

async function attachRedisAdapter(io: Server, url: string): Promise<{ close(): Promise<void> }> {
  const [{ createAdapter }, { createClient }] = await Promise.all([import("@socket.io/redis-adapter"), import("redis")]);
  const publisher = createClient({ url });
  const subscriber = publisher.duplicate();
  await Promise.all([publisher.connect(), subscriber.connect()]);
  io.adapter(createAdapter(publisher, subscriber, { requestsTimeout: 2000 }));
  return {
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}

interface ClusterEndRequest {
  sessionId: string;
  reason: string;
  goodbye?: string;
}

/**
 * Joins the cluster's "end this session" requests: each process ends the session if it holds it and answers
 * whether it did. Returns the function that asks the other processes.
 */
function listenForClusterEnds(io: Server, registry: SessionRegistry) {
  io.on(CLUSTER_END_EVENT, (request: ClusterEndRequest, answer: (ended: boolean) => void) => {
    answer(registry.terminate(request.sessionId, request.reason, request.goodbye ? { goodbye: request.goodbye } : {}));
  });
  return (sessionId: string, reason: string, options: { goodbye?: string }) =>
    new Promise<boolean>((resolve) => {
      const request: ClusterEndRequest = { sessionId, reason, ...(options.goodbye ? { goodbye: options.goodbye } : {}) };
      // The Redis adapter answers within its requestsTimeout, with the answers that did arrive.
      io.serverSideEmit(CLUSTER_END_EVENT, request, (_error: Error | null, answers: boolean[] = []) => resolve(answers.some(Boolean)));
    });
}
