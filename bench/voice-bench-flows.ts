/**
 * The flows bench:voice calls, and how its callers get a session token (the server and the callers' processes share
 * the secret, so tokens need no database and no round trip).
 */
import { issueSessionToken } from "../lib/auth/session-token";
import type { FlowGraph } from "../lib/flow/schema";

export const BENCH_SECRET = "bench-voice-secret-bench-voice-secret-01";
export const BENCH_USER = "bench-user";
/** The workspace the bench flows belong to, as the session tokens say. */
export const BENCH_WORKSPACE = "bench-workspace";

const at = { x: 0, y: 0 };

/**
 * Turn latency: greet, then answer yes or no, again and again, with the Listen's end-of-speech silence (unset: the
 * server's 500 ms), answered on the phrase unless `waitForFullSilence`.
 */
function turnsFlow(endOfSpeechMs?: number, waitForFullSilence?: true): FlowGraph {
  return {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: at, data: {} },
      { id: "hello", kind: "say", position: at, data: { text: "Hello." } },
      {
        id: "hear",
        kind: "listen",
        position: at,
        data: {
          timeoutSeconds: 120,
          ...(endOfSpeechMs === undefined ? {} : { endOfSpeechMs }),
          ...(waitForFullSilence ? { waitForFullSilence } : {}),
        },
      },
      {
        id: "answer",
        kind: "branch",
        position: at,
        data: {
          conditions: [
            { id: "yes", match: { type: "phrases", phrases: ["yes"] } },
            { id: "no", match: { type: "phrases", phrases: ["no"] } },
          ],
        },
      },
      { id: "said-yes", kind: "say", position: at, data: { text: "You said yes." } },
      { id: "said-no", kind: "say", position: at, data: { text: "You said no." } },
      { id: "unclear", kind: "say", position: at, data: { text: "Sorry?" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "hello" },
      { id: "e2", source: "hello", sourcePort: "next", target: "hear" },
      { id: "e3", source: "hear", sourcePort: "heard", target: "answer" },
      { id: "e4", source: "answer", sourcePort: "yes", target: "said-yes" },
      { id: "e5", source: "answer", sourcePort: "no", target: "said-no" },
      { id: "e6", source: "answer", sourcePort: "else", target: "unclear" },
      { id: "e7", source: "said-yes", sourcePort: "next", target: "hear" },
      { id: "e8", source: "said-no", sourcePort: "next", target: "hear" },
      { id: "e9", source: "unclear", sourcePort: "next", target: "hear" },
    ],
  };
}

/** End at scale: no greeting; the caller's first utterance (typed "bye") takes it to End with a spoken goodbye. */
function goodbyeFlow(): FlowGraph {
  return {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: at, data: {} },
      { id: "hear", kind: "listen", position: at, data: { timeoutSeconds: 300 } },
      { id: "end", kind: "end", position: at, data: { goodbye: "Goodbye.", reason: "completed" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "hear" },
      { id: "e2", source: "hear", sourcePort: "heard", target: "end" },
    ],
  };
}

/** Streaming sessions: a two-sentence greeting, then free-form turns echoed back ("You said: ..."). */
function streamFlow(): FlowGraph {
  return {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: at, data: {} },
      { id: "hello", kind: "say", position: at, data: { text: "Hello. You are through to the benchmark line." } },
      { id: "hear", kind: "listen", position: at, data: { timeoutSeconds: 300, variable: "said" } },
      { id: "echo", kind: "say", position: at, data: { text: "You said: {{said}}" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "hello" },
      { id: "e2", source: "hello", sourcePort: "next", target: "hear" },
      { id: "e3", source: "hear", sourcePort: "heard", target: "echo" },
      { id: "e4", source: "echo", sourcePort: "next", target: "hear" },
    ],
  };
}

/** Every flow the bench server serves, by flow id. */
export const BENCH_FLOWS: Record<string, FlowGraph> = {
  "turns-500": turnsFlow(),
  "turns-200": turnsFlow(200),
  "turns-500-full": turnsFlow(undefined, true),
  goodbye: goodbyeFlow(),
  stream: streamFlow(),
};

export type BenchFlowId = "turns-500" | "turns-200" | "turns-500-full" | "goodbye" | "stream";

/** A single-use session token for one call of `flowId`. */
export async function benchToken(flowId: BenchFlowId): Promise<string> {
  return (await issueSessionToken({ sub: BENCH_USER, workspaceId: BENCH_WORKSPACE, flowId }, BENCH_SECRET)).token;
}
