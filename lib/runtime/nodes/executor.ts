import type { Variables } from "../../expressions/cel";
import type { EndStream, HandlerOutput } from "../outputs";

/** The mutable state a flow carries through a session. */
export interface FlowState {
  variables: Variables;
  /** The caller's last utterance, as heard. */
  utterance: string;
  /** The same, lower-cased and without punctuation, for phrase matching. */
  normalizedUtterance: string;
}

/** What running one node decided. */
export type NodeStep =
  | { kind: "next"; port: string; outputs?: HandlerOutput[] }
  | { kind: "listen"; timeoutMs: number; variable?: string }
  | { kind: "end"; end: EndStream };

/** A node compiled once per flow (regexes built, expressions parsed), run many times per session. */
export interface NodeExecutor {
  run(state: FlowState): NodeStep;
}
