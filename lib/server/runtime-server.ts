import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
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
  maxSessions?: number;
}

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
  const host: RuntimeHost = { registry, events };
  installRuntimeHost(host);
  return {
    io,
    registry,
    events,
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
  io.adapter(createAdapter(publisher, subscriber));
  return {
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
