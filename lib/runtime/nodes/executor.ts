import type { Variables } from "../../expressions/cel";
import type { TurnBudget } from "../../expressions/turn-budget";
import type { EndStream, Reply, TraceEvent } from "../outputs";

/** The mutable state a flow carries through a session. */
export interface FlowState {
  variables: Variables;
  /** The caller's last utterance, as heard. */
  utterance: string;
  /** The same, lower-cased and without punctuation, for phrase matching. */
  normalizedUtterance: string;
  /** What is left of this turn's allowance (see lib/expressions/limits.ts); refilled at every listen. */
  budget: TurnBudget;
  /** The size of all variables together (see turn-limits.ts `storeVariable`, the one way to set one). */
  variablesSize: number;
}

/**
 * What running one node decided. A node produces at most one output (a Set its changes, a Say its reply), carried
 * on the step itself rather than in an array: the flow runs a node per ~0.5 µs, and each allocation shows.
 */
export type NodeStep =
  | { kind: "next"; port: string }
  | { kind: "trace"; port: string; event: TraceEvent }
  /** `interruptedPort`: where the flow goes when the caller cut the reply short, if that port is connected. */
  | { kind: "reply"; port: string; reply: Reply; interruptedPort?: string }
  /** `what`: how a failure to store the utterance opens its message (see turn-limits.ts `storeVariable`). */
  | { kind: "listen"; timeoutMs: number; variable?: string; what: string }
  | { kind: "end"; end: EndStream };

/** A node compiled once per flow (regexes built, expressions parsed), run many times per session. */
export interface NodeExecutor {
  run(state: FlowState): NodeStep;
}
