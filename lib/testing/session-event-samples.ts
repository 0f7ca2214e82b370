import type { SessionEventBody } from "../runtime/session-events";

type BodyOf<Type extends SessionEventBody["type"]> = Extract<SessionEventBody, { type: Type }>;

/**
 * One body of every type the session log holds, with every optional field set. Typed so that a type or a field added
 * to SessionEventBody does not compile until it has its sample here, and the tests that every field reaches the log
 * (stamp-event.test.ts, lib/sessions/session-log-fields.test.ts) then cover it.
 */
export const everyEventBody: { [Type in SessionEventBody["type"]]: Required<BodyOf<Type>> } = {
  "session.started": {
    type: "session.started",
    meta: { sessionId: "s-1", source: { kind: "draft", flowId: "f-1", revision: 3 }, transport: "memory", userId: "u-1" },
  },
  "node.entered": { type: "node.entered", nodeId: "greet", kind: "say" },
  reply: { type: "reply", text: "Say one or two.", nodeId: "greet", goodbye: true, interruptible: true },
  "reply.delivered": {
    type: "reply.delivered",
    replySeq: 3,
    outcome: "interrupted",
    playbackPositionMs: 1_250,
    nodeId: "greet",
    goodbye: true,
  },
  "node.exited": { type: "node.exited", nodeId: "greet", port: "interrupted" },
  "listen.started": { type: "listen.started", nodeId: "hear", timeoutMs: 10_000 },
  "speech.started": { type: "speech.started" },
  "transcript.partial": { type: "transcript.partial", text: "two" },
  "speech.ended": { type: "speech.ended" },
  utterance: { type: "utterance", text: "two please", provisional: true },
  "utterance.retracted": { type: "utterance.retracted" },
  "variables.changed": { type: "variables.changed", nodeId: "hear", changes: { choice: "two", tries: [1, 2], more: { a: null } } },
  "listen.timeout": { type: "listen.timeout", nodeId: "hear" },
  "node.failed": { type: "node.failed", nodeId: "boom", message: "Setting x failed" },
  "session.ended": { type: "session.ended", reason: "booked", message: "all done" },
};

/** The samples in log order: session.started first, session.ended last. */
export function sampleLog(): SessionEventBody[] {
  return Object.values(everyEventBody);
}
