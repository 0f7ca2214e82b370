import { draftGraphSchema, type FlowGraph } from "../flow/schema";
import { flowNameSchema } from "../flow/text";
import type { CollabRefusal } from "./collab-protocol";
import type { DocumentGraph } from "./flow-doc";

/** A flow's draft did not pass the checks a save over HTTP makes; the message says what. */
export type CheckedDraft = { ok: true; graph: FlowGraph; name: string } | { ok: false; code: CollabRefusal; message: string };

/**
 * The check a co-edited draft passes before it is stored: the server runs it on every update (a teammate's client may
 * send anything), and the editor runs it before sending, so a draft the server would refuse (text with a NUL, a name
 * cleared while being retyped) stays on this editor's canvas as an issue to fix instead of being refused and lost.
 */
export function checkDraft(read: DocumentGraph): CheckedDraft {
  const graph = draftGraphSchema.safeParse(read.graph);
  if (!graph.success) {
    const [first] = graph.error.issues;
    return {
      ok: false,
      code: "invalid_flow",
      message: `That edit would break the flow: ${first ? `${first.path.join(".")}: ${first.message}` : "not a flow graph"}`,
    };
  }
  const name = flowNameSchema.safeParse(read.name);
  if (!name.success) return { ok: false, code: "invalid_flow", message: name.error.issues[0]?.message ?? "A flow needs a name" };
  return { ok: true, graph: graph.data, name: name.data };
}
