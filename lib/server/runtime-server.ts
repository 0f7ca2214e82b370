import type { Server as HttpServer } from "node:http";
import { Server, type ServerOptions } from "socket.io";
import { RuntimeEvents } from "../runtime/session-events";
import { SessionRegistry } from "../runtime/session-registry";
import { SessionRunner } from "../runtime/session-runner";
import { LIVEKIT_DISABLED_MESSAGE, type LiveKitConfig } from "../config/livekit-config";
import { SessionTokenError, verifySessionToken } from "../auth/session-token";
import type { LiveKitRuntime } from "../runtime/transports/livekit";
import type { LiveKitAgentWorker } from "../runtime/transports/livekit-agent-worker";
import { dispatchLiveKitCall } from "../runtime/transports/livekit-dispatch";
import { attachSocketRuntime } from "../runtime/transports/socketio";
import type { SocketVoiceOptions } from "../runtime/transports/socketio-voice";
import type { RuntimeLease } from "../sessions/runtime-lease";
import { memorySessionClaim, type SessionClaim } from "../sessions/session-claims";
import { listenForClusterEnds } from "./cluster-end";
import { attachRedisAdapter } from "./redis-link";
import { installSessionControl, uninstallSessionControl, type SessionControl } from "./session-control";
import { createSessionOpener, type FlowLookup } from "./session-opener";

/**
 * Socket.IO's own ceiling on one message. Kept well above the protocol's limits (2,000-character utterances)
 * so an oversized message reaches our parser and gets a clear `error` event instead of a silent disconnect.
 */
export const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024 * 1024;
/** How long a LiveKit call waits for this process's worker to (re)register before it is refused as unavailable. */
const WORKER_REGISTRATION_WAIT_MS = 5_000;

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
  /** Records each session before its caller is accepted, once per id (default: remembered in memory only). */
  claim?: SessionClaim;
  /** This process's runtime lease, to tell a dead process's session from one that is merely far away. */
  lease?: Pick<RuntimeLease, "runtimeId" | "isAlive" | "sweep">;
  log?: (line: string) => void;
  /** Speech engines for voice connections (`auth.audio`); without, they are refused with `audio_unavailable`. */
  voice?: SocketVoiceOptions;
  /** Calls in LiveKit rooms (on the same speech engines as `voice`); without, they are refused with how to enable it. */
  livekit?: LiveKitConfig;
  /**
   * The agent name this process's LiveKit worker registers under and calls are dispatched to (LIVEKIT_AGENT_NAME,
   * `switchboard` by default): every runtime process with the same name shares the calls.
   */
  livekitAgentName?: string;
}

export interface RuntimeServer extends SessionControl {
  io: Server;
  registry: SessionRegistry;
  /** Hosts the sessions of every transport: Socket.IO here; LiveKit rooms and phone media sockets attach to it too. */
  runner: SessionRunner;
  /** The LiveKit transport, when configured and the speech engines are there. */
  livekit: LiveKitRuntime | undefined;
  events: RuntimeEvents;
  /** This process's LiveKit agent worker (registered with the LiveKit server), when it runs LiveKit calls. */
  livekitWorker: LiveKitAgentWorker | undefined;
  /**
   * Stops taking LiveKit jobs (the worker drains: marked full, new calls go to other workers), lets live calls end on
   * their own for up to `drainMs` (0 by default), then ends every live session through the End path (reason
   * `shutdown`) and closes Socket.IO and the worker's connection.
   */
  shutdown(options?: { graceMs?: number; drainMs?: number }): Promise<void>;
}

/** Attaches the session runtime to an HTTP server: one process can serve the editor and the runtime on one port. */
export async function attachRuntimeServer(options: RuntimeServerOptions): Promise<RuntimeServer> {
  const log = options.log ?? ((line: string) => console.log(`[runtime] ${line}`));
  const io = new Server(options.httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    // Next.js dev uses WebSocket upgrades of its own (HMR): leave upgrades that are not ours alone.
    destroyUpgrade: false,
    cors: options.corsOrigins ? { origin: options.corsOrigins } : undefined,
    allowRequest: options.allowRequest,
  });
  const redis = options.redisUrl ? await attachRedisAdapter(io, options.redisUrl, log) : undefined;
  const events = options.events ?? new RuntimeEvents();
  const registry = new SessionRegistry();
  const maxSessions = options.maxSessions ?? 10_000;
  const runner = new SessionRunner({
    open: createSessionOpener({ lookup: options.lookup, secret: options.secret }),
    events,
    registry,
    maxSessions,
    claim: options.claim ?? memorySessionClaim(),
  });
  attachSocketRuntime(io, runner, { voice: options.voice });
  // Loaded only when configured: @livekit/rtc-node loads its native library (a 25 MB .node file) as it is imported.
  const livekit =
    options.livekit && options.voice
      ? new (await import("../runtime/transports/livekit")).LiveKitRuntime(runner, {
          config: options.livekit,
          engines: options.voice.engines,
          endOfSpeechMs: options.voice.endOfSpeechMs,
        })
      : undefined;
  // The worker is what LiveKit dispatches calls to: it registers now and reconnects by itself if the server is away.
  const livekitWorker = livekit
    ? new (await import("../runtime/transports/livekit-agent-worker")).LiveKitAgentWorker({
        url: options.livekit!.url,
        apiKey: options.livekit!.apiKey,
        apiSecret: options.livekit!.apiSecret,
        agentName: options.livekitAgentName,
        hasCapacity: (reserved) => registry.size + reserved < maxSessions,
        load: () => registry.size / maxSessions,
        runJob: async (assignment, ended) => {
          await livekit.runDispatchedJob(assignment, { ended });
        },
        log: (line) => log(`livekit worker: ${line}`),
      })
    : undefined;
  void livekitWorker?.start().then((workerId) => log(`LiveKit agent worker ${workerId} registered`));
  const livekitOff = options.livekit
    ? "LiveKit is configured, but calls in rooms need the speech engines: run npm run voices:fetch and restart"
    : LIVEKIT_DISABLED_MESSAGE;
  const { lease } = options;
  const askCluster = redis ? listenForClusterEnds(io, registry, redis, lease?.runtimeId ?? null) : undefined;
  const control: SessionControl = {
    async startLiveKitCall(sessionToken, { trace } = {}) {
      // Dispatching needs only the LiveKit server: the call runs on whichever registered worker it picks.
      if (!options.livekit) return { kind: "unavailable", message: livekitOff };
      let sessionId: string;
      try {
        // Checked here too, so a bad token is refused now rather than by a worker after the caller has joined.
        sessionId = (await verifySessionToken(sessionToken, options.secret())).sid;
      } catch (error) {
        if (error instanceof SessionTokenError) return { kind: "refused", code: error.code, message: error.message };
        throw error;
      }
      // This process's own worker may be (re)connecting; a job dispatched before it has registered would be lost.
      if (livekitWorker && !(await livekitWorker.whenRegistered(WORKER_REGISTRATION_WAIT_MS))) {
        return {
          kind: "unavailable",
          message: `The LiveKit server at ${options.livekit.url} could not be reached (this runtime is not registered with it yet); try again shortly`,
        };
      }
      try {
        const call = await dispatchLiveKitCall(options.livekit, { sessionId, sessionToken, trace, agentName: options.livekitAgentName });
        return {
          kind: "started",
          call: {
            sessionId,
            url: options.livekit.publicUrl ?? options.livekit.url,
            roomName: call.roomName,
            identity: call.caller.identity,
            token: call.caller.token,
            expiresAt: call.caller.expiresAt.toISOString(),
          },
        };
      } catch (error) {
        log(`dispatching a LiveKit call failed: ${error instanceof Error ? error.message : String(error)}`);
        return { kind: "unavailable", message: `The LiveKit server at ${options.livekit.url} could not be reached; try again shortly` };
      }
    },
    async endSession(sessionId, reason, { goodbye, runtimeId } = {}) {
      const endOptions = goodbye ? { goodbye } : {};
      if (registry.terminate(sessionId, reason, endOptions)) return { kind: "ended" };
      // Ours, and no longer in the registry: it has just ended (its row's end is on its way to the database).
      if (runtimeId && runtimeId === lease?.runtimeId) return { kind: "gone" };
      const holderIsDead = async () => Boolean(lease && runtimeId && !(await lease.isAlive(runtimeId)));
      if (await holderIsDead()) {
        await lease?.sweep();
        return { kind: "gone" };
      }
      if (!askCluster) {
        return {
          kind: "unreachable",
          message: "That call runs in another runtime process, which this one reaches only through Redis: set REDIS_URL on every process",
        };
      }
      const answer = await askCluster(sessionId, reason, { ...endOptions, holder: runtimeId });
      if (answer === "ended") return { kind: "ended" };
      if (await holderIsDead()) {
        await lease?.sweep();
        return { kind: "gone" };
      }
      if (answer === "unreachable") {
        return {
          kind: "unreachable",
          message:
            "The runtime process running that call did not answer in time. If Redis is down, try again once it is back; " +
            "if that process stopped, its calls are closed as lost when its lease runs out (RUNTIME_LEASE_SECONDS)",
        };
      }
      return { kind: "gone" };
    },
  };
  installSessionControl(control);
  return {
    io,
    registry,
    runner,
    livekit,
    livekitWorker,
    events,
    ...control,
    async shutdown({ graceMs = 5000, drainMs = 0 } = {}) {
      const drained = livekitWorker?.drain();
      if (drained && drainMs > 0) await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, drainMs).unref())]);
      registry.terminateAll("shutdown");
      const deadline = Date.now() + graceMs;
      await Promise.race([registry.whenEmpty(), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      // A disconnected socket closes once its last packets (the goodbye, `end`) are written; closing the server
      // before that would discard them.
      while (io.engine.clientsCount > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      uninstallSessionControl(control);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await redis?.close();
      await livekitWorker?.close();
    },
  };
}
