import type { SessionEvent, SessionEventBody } from "./session-events";

/**
 * The log event for a body: its type's fields, in the type's order, then `seq` and `at`. Copied (never the body
 * itself), as the body may be shared: flows reuse one per node.
 *
 * One object literal per type rather than `Object.assign({}, body, { seq, at })`: V8 copies bodies of many shapes
 * through a generic path, which cost ~120 ns of the ~160 ns per event; a literal of a known shape takes ~20. An
 * optional field absent from (or undefined on) the body stays absent, as the copy would leave it; fields no type
 * declares are not carried. Unknown types fall back to the generic copy.
 */
export function stampEvent(body: SessionEventBody, seq: number, at: number): SessionEvent {
  switch (body.type) {
    case "node.entered":
      return { type: body.type, nodeId: body.nodeId, kind: body.kind, seq, at };
    case "node.exited":
      return { type: body.type, nodeId: body.nodeId, port: body.port, seq, at };
    case "variables.changed":
      return body.nodeId === undefined
        ? { type: body.type, changes: body.changes, seq, at }
        : { type: body.type, nodeId: body.nodeId, changes: body.changes, seq, at };
    case "reply":
      if (body.goodbye !== undefined)
        return body.nodeId === undefined
          ? { type: body.type, text: body.text, goodbye: body.goodbye, seq, at }
          : { type: body.type, text: body.text, nodeId: body.nodeId, goodbye: body.goodbye, seq, at };
      return body.nodeId === undefined
        ? { type: body.type, text: body.text, seq, at }
        : { type: body.type, text: body.text, nodeId: body.nodeId, seq, at };
    case "utterance":
      return { type: body.type, text: body.text, seq, at };
    case "listen.started":
      return body.nodeId === undefined
        ? { type: body.type, timeoutMs: body.timeoutMs, seq, at }
        : { type: body.type, nodeId: body.nodeId, timeoutMs: body.timeoutMs, seq, at };
    case "listen.timeout":
      return body.nodeId === undefined ? { type: body.type, seq, at } : { type: body.type, nodeId: body.nodeId, seq, at };
    case "node.failed":
      return { type: body.type, nodeId: body.nodeId, message: body.message, seq, at };
    case "session.started":
      return { type: body.type, meta: body.meta, seq, at };
    case "session.ended":
      return body.message === undefined
        ? { type: body.type, reason: body.reason, seq, at }
        : { type: body.type, reason: body.reason, message: body.message, seq, at };
    default:
      return Object.assign({}, body, { seq, at });
  }
}
