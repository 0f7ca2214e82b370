import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signedInUser } from "../auth/accounts";
import { publicUrlFromEnv } from "../auth/public-url";
import { signingSecret } from "../auth/secret";
import { LIVEKIT_DISABLED_MESSAGE, liveKitConfigFromEnvironment } from "../config/livekit-config";
import { appDatabase, closeDatabase, type Database } from "../db/database";
import { attachCollabServer, type CollabServer } from "../collab/collab-server";
import { RuntimeEvents } from "../runtime/session-events";
import { holdRuntimeLease } from "../sessions/runtime-lease";
import { createSessionRecorder } from "../sessions/session-recorder";
import { sessionWriterThread } from "../sessions/session-writer-thread";
import { hostPolicy } from "../http/host-guard";
import { originPolicy } from "../http/origin-guard";
import { createRequestGuard } from "../http/request-guard";
import { localVoiceEngines } from "../voice/local-voice-engines";
import { voiceProvidersFromEnvironment } from "../voice/voice-providers";
import { runtimeDatabaseThread } from "./runtime-database-thread";
import { startEditorThread, type EditorThread } from "./editor-thread";
import { guardedListener, handshakeAllowRequest } from "./guarded-http";
import { attachRuntimeServer, type RuntimeServer } from "./runtime-server";

/** Socket.IO's path: its upgrades are the runtime's, every other one goes to the editor. */
const SOCKET_IO_PATH = "/socket.io/";

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
  /** The runtime lease's length and renewal period (default 15 s and 3 s; RUNTIME_LEASE_SECONDS sets the length). */
  lease?: { ttlMs: number; renewEveryMs: number };
  /** false: no voice calls (tests that need no speech engines). Default: the offline engines, when installed. */
  voice?: false;
}

export interface RunningServer {
  url: string;
  /** The address and port actually listened on, e.g. `127.0.0.1:3000` or `0.0.0.0:3000` (every interface). */
  listening: string;
  runtime: RuntimeServer;
  /** Live co-editing, when the editor is served here. */
  collab: CollabServer | undefined;
  /** Resolves once every session event announced so far is written (benchmarks, tests). */
  flushSessionLog(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root: database (the embedded PostgreSQL unless DATABASE_URL), this process's runtime lease, the
 * session recorder subscribed to the runtime's events, the Socket.IO runtime, and Next.js (the editor and API, on a
 * thread of its own: editor-thread.ts), all on one HTTP server.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  // A caller's database may be shared (a test's); only the app's own embedded one has no other user.
  const { db, url, embedded } = options.database ? { ...options.database, embedded: false } : await appDatabase();
  // With no other user, every lease in the database is a dead process's: its sessions are closed at once.
  const lease = await holdRuntimeLease(db, { exclusive: embedded, ...leaseTiming(options) });
  const events = new RuntimeEvents();
  // On the app's database the recorder writes from a thread of its own: its work stays off the sessions' event loop.
  const recorder = createSessionRecorder(db, { writer: sessionWriterThread(url), runtimeId: lease.runtimeId });
  const unsubscribe = events.subscribe(recorder.listener);
  // What a connecting caller needs from the database (its flow, its session row) is asked on a thread too.
  const runtimeDatabase = runtimeDatabaseThread(url);
  const httpServer = createServer({
    // Node closes an idle keep-alive connection after 5 s, while clients (browsers, the Playwright and fetch agents, a
    // proxy in front) reuse theirs for longer: a request sent as the server closes it fails with ECONNRESET. Keeping
    // connections longer than such a proxy's usual 60 s idle timeout leaves the closing to the client.
    keepAliveTimeout: 65_000,
  });
  const guard = createRequestGuard({
    hosts: hostPolicy({ listenHostname: options.hostname, extraHosts: options.allowedHosts }),
    origins: originPolicy(options.corsOrigins),
  });

  let editor: EditorThread | undefined;
  let handle: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  if (options.withEditor) {
    handle = (request, response) => editor?.handleRequest(request, response);
    httpServer.on("upgrade", (request, socket, head) => {
      if (request.url?.startsWith(SOCKET_IO_PATH)) return;
      // Next.js dev's hot reload: the same host and origin rules as every other request.
      if (guard.handshakeRefusal(request)) socket.destroy();
      else editor?.handleUpgrade(request, socket, head);
    });
  }
  // Registered before Socket.IO attaches: engine.io wraps existing request listeners and keeps /socket.io/ for itself
  // (its handshakes pass the same guard through allowRequest).
  httpServer.on("request", guardedListener({ guard, handle }));

  // Voice calls (auth.audio) on the offline engines; none when their models are missing (npm run voices:fetch).
  const voiceEngines = options.voice === false ? null : localVoiceEngines();
  // Calls in LiveKit rooms when LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET are set (a half-set one throws).
  const livekit = options.voice === false ? null : liveKitConfigFromEnvironment();
  // A malformed PUBLIC_URL stops the server here, not at the first sign-in.
  if (options.withEditor) publicUrlFromEnv();
  if (voiceEngines && !livekit) console.log(`[runtime] ${LIVEKIT_DISABLED_MESSAGE}`);
  const runtime = await attachRuntimeServer({
    httpServer,
    lookup: runtimeDatabase.lookup,
    secret: signingSecret,
    events,
    redisUrl: options.redisUrl,
    corsOrigins: options.corsOrigins?.length ? options.corsOrigins : undefined,
    allowRequest: handshakeAllowRequest(guard),
    claim: runtimeDatabase.claim(lease.runtimeId),
    lease,
    // Flows may choose the cloud providers this server has keys for (docs/deployment.md#voice).
    voice: voiceEngines ? { engines: voiceEngines, providers: voiceProvidersFromEnvironment(voiceEngines) } : undefined,
    livekit: livekit ?? undefined,
    livekitAgentName: process.env.LIVEKIT_AGENT_NAME?.trim() || undefined,
  });
  // Socket.IO's long-polling answers are not the API's, but are no more to be cached or sniffed.
  runtime.io.engine.on("headers", (headers: Record<string, string>) => {
    headers["X-Content-Type-Options"] = "nosniff";
    headers["Cache-Control"] = "no-store";
  });
  // Live co-editing (lib/collab) lives beside the editor: its rooms are in this process, on the runtime's Socket.IO.
  let collab: CollabServer | undefined;
  if (options.withEditor) {
    collab = attachCollabServer({ io: runtime.io, db, signedInUser: (headers) => signedInUser(headers, undefined, db) });
    editor = await startEditorThread({
      dev: options.dev,
      hostname: options.hostname,
      port: options.port,
      databaseUrl: url,
      control: runtime,
      collab,
    });
  }

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
    collab,
    flushSessionLog: () => recorder.flush(),
    stop() {
      stopping ??= (async () => {
        // Co-edited drafts are stored before the sockets they came on close.
        await collab?.close();
        // LiveKit calls get RUNTIME_DRAIN_SECONDS to end on their own (new ones go to other workers meanwhile).
        await runtime.shutdown({ drainMs: drainSecondsFromEnvironment() * 1000 });
        unsubscribe();
        // The log's last writes get a few seconds; a database that does not answer must not hold the stop forever.
        await recorder.close({ timeoutMs: 8000 });
        await runtimeDatabase.close();
        await voiceEngines?.close();
        await lease.release().catch((error: unknown) => console.error("[runtime] releasing the runtime lease failed:", error));
        await editor?.stop();
        if (!options.database) await closeDatabase();
      })();
      return stopping;
    },
  };
}

function leaseTiming(options: StartServerOptions): { ttlMs: number; renewEveryMs: number } {
  if (options.lease) return options.lease;
  const seconds = Number(process.env.RUNTIME_LEASE_SECONDS ?? 15);
  const ttlMs = Number.isFinite(seconds) && seconds >= 1 ? seconds * 1000 : 15_000;
  // Renewed five times per lease, so a late renewal or two does not let it lapse.
  return { ttlMs, renewEveryMs: ttlMs / 5 };
}

/** How long a stopping runtime lets its LiveKit calls finish before ending them (RUNTIME_DRAIN_SECONDS, 0 by default). */
function drainSecondsFromEnvironment(): number {
  const seconds = Number(process.env.RUNTIME_DRAIN_SECONDS ?? "0");
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) : 0;
}
