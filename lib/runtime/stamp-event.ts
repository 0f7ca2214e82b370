import type { SessionEvent, SessionEventBody } from "./session-events";

type BodyOf<Type extends SessionEventBody["type"]> = Extract<SessionEventBody, { type: Type }>;

/** Whether `Key` is an optional field of `Body`. */
type IsOptional<Body, Key extends keyof Body> = object extends Pick<Body, Key> ? true : false;

/** The field names of a body; mapping over them rather than `keyof Body` makes every field required in Copy. */
type FieldOf<Body> = Extract<keyof Body, string>;

/**
 * A stamped copy of a body of one type that names every one of its fields: the optional ones too (as possibly
 * undefined), and no others. A copy that leaves a field out does not compile, so a field added to a type later cannot
 * silently vanish from the log.
 */
type Copy<Body> = { [Key in FieldOf<Body>]: IsOptional<Body, Key> extends true ? Body[Key] | undefined : Body[Key] } & {
  seq: number;
  at: number;
};

/**
 * The log event for a body: its type's fields, in the type's order, then `seq` and `at`. Copied (never the body itself),
 * as the body may be shared: flows reuse one per node.
 *
 * One object literal per type rather than a spread (`{ ...body, seq, at }`): V8 copies bodies of many shapes through a
 * generic path, which cost ~600 ns an event against ~30 for a literal of a known shape (measured with tsx, as the
 * server runs), and a turn logs ~30 events. Each literal `satisfies Copy<…>`, which keeps the copy complete by
 * construction. An optional field absent from the body is copied as undefined: JSON (the wire, the database) drops it.
 */
export function stampEvent(body: SessionEventBody, seq: number, at: number): SessionEvent {
  switch (body.type) {
    case "node.entered":
      return { type: body.type, nodeId: body.nodeId, kind: body.kind, seq, at } satisfies Copy<BodyOf<"node.entered">>;
    case "node.exited":
      return { type: body.type, nodeId: body.nodeId, port: body.port, seq, at } satisfies Copy<BodyOf<"node.exited">>;
    case "variables.changed":
      return { type: body.type, nodeId: body.nodeId, changes: body.changes, seq, at } satisfies Copy<BodyOf<"variables.changed">>;
    case "reply":
      return {
        type: body.type,
        text: body.text,
        nodeId: body.nodeId,
        goodbye: body.goodbye,
        interruptible: body.interruptible,
        seq,
        at,
      } satisfies Copy<BodyOf<"reply">>;
    case "reply.delivered":
      return {
        type: body.type,
        replySeq: body.replySeq,
        outcome: body.outcome,
        playbackPositionMs: body.playbackPositionMs,
        nodeId: body.nodeId,
        goodbye: body.goodbye,
        seq,
        at,
      } satisfies Copy<BodyOf<"reply.delivered">>;
    case "utterance":
      return { type: body.type, text: body.text, provisional: body.provisional, seq, at } satisfies Copy<BodyOf<"utterance">>;
    case "utterance.retracted":
      return { type: body.type, seq, at } satisfies Copy<BodyOf<"utterance.retracted">>;
    case "transcript.partial":
      return { type: body.type, text: body.text, seq, at } satisfies Copy<BodyOf<"transcript.partial">>;
    case "speech.started":
      return { type: body.type, seq, at } satisfies Copy<BodyOf<"speech.started">>;
    case "speech.ended":
      return { type: body.type, seq, at } satisfies Copy<BodyOf<"speech.ended">>;
    case "listen.started":
      return { type: body.type, nodeId: body.nodeId, timeoutMs: body.timeoutMs, seq, at } satisfies Copy<BodyOf<"listen.started">>;
    case "listen.timeout":
      return { type: body.type, nodeId: body.nodeId, seq, at } satisfies Copy<BodyOf<"listen.timeout">>;
    case "node.failed":
      return { type: body.type, nodeId: body.nodeId, message: body.message, seq, at } satisfies Copy<BodyOf<"node.failed">>;
    case "session.started":
      return { type: body.type, meta: body.meta, seq, at } satisfies Copy<BodyOf<"session.started">>;
    case "session.ended":
      return { type: body.type, reason: body.reason, message: body.message, seq, at } satisfies Copy<BodyOf<"session.ended">>;
    default:
      return untypedCopy(body, seq, at);
  }
}

/**
 * A body of a type no case handles: `never` to the compiler (a type added to SessionEventBody without its case does
 * not compile), and at run time an event a handler made up, copied whole.
 */
function untypedCopy(body: never, seq: number, at: number): SessionEvent {
  return Object.assign({}, body, { seq, at });
}
