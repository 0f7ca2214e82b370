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

/** What the other processes said: one ended it, none holds it, or not every process could be heard. */
export type ClusterEndAnswer = "ended" | "not_held" | "unreachable";

/**
 * Joins the cluster's "end this session" requests: each process ends the session if it holds it and answers
 * whether it did. Returns the function that asks the other processes; it never waits more than a few seconds, and
 * does not try while Redis is away (the adapter would wait for it forever).
 */
export function listenForClusterEnds(io: Server, registry: SessionRegistry, redis: RedisLink) {
  io.on(CLUSTER_END_EVENT, (request: ClusterEndRequest, answer: (ended: boolean) => void) => {
    answer(registry.terminate(request.sessionId, request.reason, request.goodbye ? { goodbye: request.goodbye } : {}));
  });
  return (sessionId: string, reason: string, options: { goodbye?: string }): Promise<ClusterEndAnswer> => {
    if (!redis.ready) return Promise.resolve("unreachable");
    return new Promise<ClusterEndAnswer>((resolve) => {
      const timer = setTimeout(() => resolve("unreachable"), CLUSTER_END_TIMEOUT_MS);
      const request: ClusterEndRequest = { sessionId, reason, ...(options.goodbye ? { goodbye: options.goodbye } : {}) };
      io.serverSideEmit(CLUSTER_END_EVENT, request, (error: Error | null, answers: boolean[] = []) => {
        clearTimeout(timer);
        resolve(answers.some(Boolean) ? "ended" : error ? "unreachable" : "not_held");
      });
    });
  };
}
