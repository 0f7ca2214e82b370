import { EVALUATION_LIMITS } from "../expressions/limits";
import { normalizeForMatching } from "../expressions/phrases";
import { earnTurnBudget, newTurnBudget } from "../expressions/turn-budget";
import type { CompiledFlow, CompiledNode } from "./compile-flow";
import { NodeExecutionError, TurnRetractedError } from "./errors";
import type { Handler } from "./handler";
import { END_REASONS, EndStream, type TraceEvent } from "./outputs";
import type { FlowState, NodeStep } from "./nodes";
import { storeVariable, variablesSize } from "./nodes/turn-limits";

const MAX_STEPS_PER_TURN = EVALUATION_LIMITS.nodesPerTurn;

export interface FlowHandlerOptions {
  /** Variables the session starts with (e.g. caller metadata). */
  variables?: FlowState["variables"];
  /** The clock a call's work allowance is earned by, in milliseconds (performance.now by default; tests drive it). */
  now?: () => number;
}

/**
 * Runs a compiled flow as a handler: walks from Start, traces each node as it is entered and left, delivers the
 * replies of Say nodes, waits at Listen nodes, and yields `EndStream` at an End node.
 *
 * Traces go through `call.trace` and replies through `call.deliver` rather than being yielded: each yield of an
 * async generator costs a resume, a promise and the session's await, and a turn has ~30 of them. The nodes between
 * two waits (a listen or a reply's delivery) therefore run in one synchronous stretch.
 */
export function flowHandler(flow: CompiledFlow, options: FlowHandlerOptions = {}): Handler {
  const start = planFlow(flow);
  const now = options.now ?? (() => performance.now());
  return async function* runFlow(call) {
    const variables = { ...options.variables };
    const state: FlowState = {
      variables,
      utterance: "",
      normalizedUtterance: "",
      budget: newTurnBudget(now()),
      variablesSize: variablesSize(variables),
    };
    let planned = start;
    let steps = 0;
    /** The Listen that heard a provisional utterance, and the state before: where a take-back goes (turn-settling.ts). */
    let heardAt: Checkpoint | null = null;
    for (;;) {
      const node = planned.node;
      steps += 1;
      if (steps > MAX_STEPS_PER_TURN)
        throw new NodeExecutionError(node.id, `More than ${MAX_STEPS_PER_TURN} steps without waiting for the caller`);
      call.trace(planned.entered);
      const step = runNode(node, state);
      let port: string;
      try {
        switch (step.kind) {
          case "end": {
            // A goodbye cannot be taken back: an End after a provisional utterance waits until it is final.
            const settling = heardAt === null ? undefined : call.turnSettled();
            if (settling) await settling;
            call.trace(planned.exitedAtEnd);
            yield step.end;
            return;
          }
          case "next":
            port = step.port;
            break;
          case "trace":
            call.trace(step.event);
            port = step.port;
            break;
          case "reply": {
            port = step.port;
            const delivering = call.deliver(step.reply);
            if (delivering) {
              const delivery = await delivering;
              // The Say decides where a reply the caller cut short goes: its `interrupted` port, when that leads somewhere.
              const interrupted = step.interruptedPort;
              if (delivery.outcome === "interrupted" && interrupted !== undefined && planned.exits.has(interrupted)) port = interrupted;
            }
            break;
          }
          case "listen": {
            steps = 0;
            call.trace(listenStarted(planned, step.timeoutMs));
            const heard = await call.listen({ timeoutMs: step.timeoutMs });
            // The new turn's allowance: what the call has earned while it waited (see turn-budget.ts).
            earnTurnBudget(state.budget, now());
            // A timeout keeps the checkpoint: the provisional utterance before it may still be taken back.
            if (heard.type === "utterance") heardAt = heard.provisional ? checkpoint(planned, state) : null;
            if (heard.type === "timeout") {
              call.trace({ type: "listen.timeout", nodeId: node.id });
              port = "timeout";
            } else {
              state.utterance = heard.text;
              state.normalizedUtterance = normalizeForMatching(heard.text);
              if (step.variable) {
                storeVariable(state, node.id, step.what, step.variable, heard.text);
                call.trace({ type: "variables.changed", nodeId: node.id, changes: { [step.variable]: heard.text } });
              }
              port = "heard";
            }
            break;
          }
        }
      } catch (error) {
        if (!(error instanceof TurnRetractedError) || heardAt === null) throw error;
        // The caller went on with the sentence answered early: back to the Listen that heard it, as things were then.
        planned = heardAt.listen;
        restore(state, heardAt);
        heardAt = null;
        steps = 0;
        continue;
      }
      const exit = port === planned.firstPort ? planned.firstExit : planned.exits.get(port);
      if (!exit) {
        // Only a listen's timeout gets here unconnected: validation makes the other ports lead somewhere but for a Say's
        // optional `interrupted`, which the reply step only takes when it is connected.
        call.trace({ type: "node.exited", nodeId: node.id, port });
        yield new EndStream({ reason: port === "timeout" ? END_REASONS.timeout : END_REASONS.completed });
        return;
      }
      call.trace(exit.exited);
      planned = exit.next;
    }
  };
}

/**
 * A flow as it was when a Listen heard a provisional utterance, before anything the utterance changed. Variables are
 * copied one level deep: a value is never changed in place (storeVariable replaces it), so the copy is the state.
 */
interface Checkpoint {
  listen: PlannedNode;
  variables: FlowState["variables"];
  variablesSize: number;
  utterance: string;
  normalizedUtterance: string;
}

function checkpoint(listen: PlannedNode, state: FlowState): Checkpoint {
  const { utterance, normalizedUtterance, variablesSize } = state;
  return { listen, variables: { ...state.variables }, variablesSize, utterance, normalizedUtterance };
}

/** Puts a flow back as it was at `saved`; the turn allowance is not given back (it is earned by time, turn-budget.ts). */
function restore(state: FlowState, saved: Checkpoint): void {
  state.variables = saved.variables;
  state.variablesSize = saved.variablesSize;
  state.utterance = saved.utterance;
  state.normalizedUtterance = saved.normalizedUtterance;
}

/**
 * A node with the trace bodies it logs, built once per flow rather than per step (the session copies a body into
 * its log, so one can serve every session), and its connected ports.
 */
interface PlannedExit {
  exited: TraceEvent;
  next: PlannedNode;
}

interface PlannedNode {
  node: CompiledNode;
  entered: TraceEvent;
  exitedAtEnd: TraceEvent;
  exits: Map<string, PlannedExit>;
  /**
   * The first connected port and its exit, checked before the map: most nodes have one port (`next`), a Listen
   * mostly leaves by `heard`, and comparing two interned strings costs less than a Map lookup on every node.
   */
  firstPort: string | null;
  firstExit: PlannedExit | undefined;
  /** A Listen node's listen.started body, for the timeout it was built with (a listen's step is fixed in practice). */
  listenStarted: TraceEvent | null;
}

/** The listen.started body of a Listen node: the planned one unless its timeout changed. */
function listenStarted(planned: PlannedNode, timeoutMs: number): TraceEvent {
  const known = planned.listenStarted;
  if (known?.type === "listen.started" && known.timeoutMs === timeoutMs) return known;
  const body: TraceEvent = { type: "listen.started", nodeId: planned.node.id, timeoutMs };
  planned.listenStarted = body;
  return body;
}

const plans = new WeakMap<CompiledFlow, PlannedNode>();

/** The planned Start node of a flow, planning the flow on first use. */
function planFlow(flow: CompiledFlow): PlannedNode {
  const known = plans.get(flow);
  if (known) return known;
  const planned = new Map<CompiledNode, PlannedNode>();
  const planOf = (node: CompiledNode): PlannedNode => {
    let entry = planned.get(node);
    if (!entry) {
      entry = {
        node,
        entered: { type: "node.entered", nodeId: node.id, kind: node.kind },
        exitedAtEnd: { type: "node.exited", nodeId: node.id, port: null },
        exits: new Map(),
        firstPort: null,
        firstExit: undefined,
        listenStarted: null,
      };
      planned.set(node, entry);
    }
    return entry;
  };
  for (const node of new Set([flow.start, ...flow.nodes.values()])) {
    const entry = planOf(node);
    for (const [port, next] of node.next) {
      const exit: PlannedExit = { exited: { type: "node.exited", nodeId: node.id, port }, next: planOf(next) };
      entry.exits.set(port, exit);
      if (entry.firstPort === null) {
        entry.firstPort = port;
        entry.firstExit = exit;
      }
    }
  }
  const start = planOf(flow.start);
  plans.set(flow, start);
  return start;
}

function runNode(node: CompiledNode, state: FlowState): NodeStep {
  try {
    return node.executor.run(state);
  } catch (error) {
    if (error instanceof NodeExecutionError) throw error;
    throw new NodeExecutionError(node.id, error instanceof Error ? error.message : String(error));
  }
}
