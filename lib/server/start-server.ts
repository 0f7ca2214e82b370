import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { signingSecret } from "../auth/secret";
import { appDatabase, closeDatabase, type Database } from "../db/database";
import { RuntimeEvents } from "../runtime/session-events";
import { createSessionRecorder } from "../sessions/session-recorder";
import { sessionWriterThread } from "../sessions/session-writer-thread";
import { hostPolicy } from "../http/host-guard";
import { originPolicy } from "../http/origin-guard";
import { createRequestGuard } from "../http/request-guard";
import { databaseFlowLookup } from "./database-flow-lookup";
import { guardedListener, handshakeAllowRequest } from "./guarded-http";
import { attachRuntimeServer, type RuntimeServer } from "./runtime-server";

export interface StartServerOptions {
  port: number;
  hostname: string;
  /** Serve the editor (Next.js) too; the standalone runtime (`npm run runtime`) does not. */
  withEditor: boolean;
  dev: boolean;
  redisUrl?: string;
  /** Browser origins besides the server's own that may open sessions and send changes (CORS_ORIGINS). */
  corsOrigins?: string[];
  /** Hostnames served besides loopback and `hostname` (ALLOWED_HOSTS); any other Host header is refused. */
  allowedHosts?: string[];
  /** A database opened by the caller (tests), which then also closes it; by default the app's own. */
  database?: { db: Database; url: string };
}

export interface RunningServer {
  url: string;
  /** The address and port actually listened on, e.g. `127.0.0.1:3000` or `0.0.0.0:3000` (every interface). */
  listening: string;
  runtime: RuntimeServer;
  stop(): Promise<void>;
}

/**
 * The composition root: database (embedded PGlite unless DATABASE_URL), the session recorder subscribed to the
 * runtime's events, Next.js for the editor and API, and the Socket.IO runtime, all on one HTTP server.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { db, url } = options.database ?? (await appDatabase());
  const events = new RuntimeEvents();
  // On the app's database the recorder writes from a thread of its own: its work stays off the sessions' event loop.
  const recorder = createSessionRecorder(db, { writer: sessionWriterThread(url) });
  const unsubscribe = events.subscribe(recorder.listener);
  const httpServer = createServer();
  const guard = createRequestGuard({
    hosts: hostPolicy({ listenHostname: options.hostname, extraHosts: options.allowedHosts }),
    origins: originPolicy(options.corsOrigins),
  });

  let closeEditor = async () => {};
  let handle: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  if (options.withEditor) {
    const { default: next } = await import("next");
    const app = next({ dev: options.dev, dir: path.resolve(process.cwd()), hostname: options.hostname, port: options.port, httpServer });
    await app.prepare();
    const nextHandler = app.getRequestHandler();
    handle = (request, response) => void nextHandler(request, response);
    closeEditor = () => app.close();
  }
  // Registered before Socket.IO attaches: engine.io wraps existing request listeners and keeps /socket.io/ for itself
  // (its handshakes pass the same guard through allowRequest).
  httpServer.on("request", guardedListener({ guard, handle }));

  const runtime = await attachRuntimeServer({
    httpServer,
    lookup: databaseFlowLookup(db),
    secret: signingSecret,
    events,
    redisUrl: options.redisUrl,
    corsOrigins: options.corsOrigins?.length ? options.corsOrigins : undefined,
    allowRequest: handshakeAllowRequest(guard),
  });
  // Socket.IO's long-polling answers are not the API's, but are no more to be cached or sniffed.
  runtime.io.engine.on("headers", (headers: Record<string, string>) => {
    headers["X-Content-Type-Options"] = "nosniff";
    headers["Cache-Control"] = "no-store";
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.hostname, () => resolve());
  });
  const { address, port } = httpServer.address() as AddressInfo;
  const everyInterface = address === "0.0.0.0" || address === "::";
  const bracketed = (name: string) => (name.includes(":") ? `[${name}]` : name);

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${everyInterface ? "localhost" : bracketed(options.hostname)}:${port}`,
    listening: `${bracketed(address)}:${port}`,
    runtime,
    stop() {
      stopping ??= (async () => {
        await runtime.shutdown();
        unsubscribe();
        await recorder.close();
        await closeEditor();
        if (!options.database) await closeDatabase();
      })();
      return stopping;
    },
  };
}
