import type { Server } from "socket.io";
import type { SessionRegistry } from "../runtime/session-registry";
import type { RedisLink } from "./redis-link";

/** Server-side event asking every runtime process to end one session it may hold. */
const CLUSTER_END_EVENT = "switchboard:end-session";
/** The Redis adapter's own wait for answers is 2 s (requestsTimeout); this bounds everything around it too. */
const CLUSTER_END_TIMEOUT_MS = 3000;

interface ClusterEndRequest {
  sessionId: string;
  reason: string;
  goodbye?: string;
}

/** One process's answer: who it is, and whether it held (and so ended) the session. */
interface ProcessAnswer {
  runtimeId: string | null;
  ended: boolean;
}

/**
 * What the other processes said: one ended it; the process that held it (`holder`) answered that it no longer does;
 * or the holder did not answer (it died, or Redis lost it) within the time allowed.
 */
export type ClusterEndAnswer = "ended" | "not_held" | "unreachable";

/**
 * Joins the cluster's "end this session" requests: each process ends the session if it holds it and answers
 * whether it did. Returns the function that asks the other processes; it never waits more than a few seconds, and
 * does not try while Redis is away (the adapter would wait for it forever).
 */
export function listenForClusterEnds(io: Server, registry: SessionRegistry, redis: RedisLink, runtimeId: string | null) {
  io.on(CLUSTER_END_EVENT, (request: ClusterEndRequest, answer: (reply: ProcessAnswer) => void) => {
    answer({
      runtimeId,
      ended: registry.terminate(request.sessionId, request.reason, request.goodbye ? { goodbye: request.goodbye } : {}),
    });
  });
  return (sessionId: string, reason: string, options: { goodbye?: string; holder?: string | null }): Promise<ClusterEndAnswer> => {
    if (!redis.ready) return Promise.resolve("unreachable");
    return new Promise<ClusterEndAnswer>((resolve) => {
      const timer = setTimeout(() => resolve("unreachable"), CLUSTER_END_TIMEOUT_MS);
      const request: ClusterEndRequest = { sessionId, reason, ...(options.goodbye ? { goodbye: options.goodbye } : {}) };
      io.serverSideEmit(CLUSTER_END_EVENT, request, (error: Error | null, answers: ProcessAnswer[] = []) => {
        clearTimeout(timer);
        if (answers.some((answer) => answer.ended)) return resolve("ended");
        // Without a known holder (a session recorded without one), every process that answered is all there is to ask.
        const holderAnswered = options.holder ? answers.some((answer) => answer.runtimeId === options.holder) : !error;
        resolve(holderAnswered ? "not_held" : "unreachable");
      });
    });
  };
}
