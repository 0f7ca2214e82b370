import { normalizeForMatching } from "../expressions/phrases";
import type { CompiledFlow, CompiledNode } from "./compile-flow";
import { NodeExecutionError } from "./errors";
import type { Handler } from "./handler";
import { END_REASONS, EndStream } from "./outputs";
import type { FlowState, NodeStep } from "./nodes";

/** Validation forbids loops that never listen; this bounds what a bug could still do in one turn. */
const MAX_STEPS_PER_TURN = 10_000;

export interface FlowHandlerOptions {
  /** Variables the session starts with (e.g. caller metadata). */
  variables?: FlowState["variables"];
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
  return async function* runFlow(call) {
    const state: FlowState = { variables: { ...options.variables }, utterance: "", normalizedUtterance: "" };
    let node: CompiledNode = flow.start;
    let steps = 0;
    for (;;) {
      steps += 1;
      if (steps > MAX_STEPS_PER_TURN)
        throw new NodeExecutionError(node.id, `More than ${MAX_STEPS_PER_TURN} steps without waiting for the caller`);
      call.trace({ type: "node.entered", nodeId: node.id, kind: node.kind });
      const step = runNode(node, state);
      let port: string;
      switch (step.kind) {
        case "end":
          call.trace({ type: "node.exited", nodeId: node.id, port: null });
          yield step.end;
          return;
        case "next":
          if (step.outputs)
            for (const output of step.outputs) {
              if (output.type === "trace") call.trace(output.event);
              else if (output.type === "reply") await call.deliver(output);
              else yield output;
            }
          port = step.port;
          break;
        case "listen": {
          steps = 0;
          call.trace({ type: "listen.started", nodeId: node.id, timeoutMs: step.timeoutMs });
          const heard = await call.listen({ timeoutMs: step.timeoutMs });
          if (heard.type === "timeout") {
            call.trace({ type: "listen.timeout", nodeId: node.id });
            port = "timeout";
          } else {
            state.utterance = heard.text;
            state.normalizedUtterance = normalizeForMatching(heard.text);
            if (step.variable) {
              state.variables[step.variable] = heard.text;
              call.trace({ type: "variables.changed", nodeId: node.id, changes: { [step.variable]: heard.text } });
            }
            port = "heard";
          }
          break;
        }
      }
      call.trace({ type: "node.exited", nodeId: node.id, port });
      const next = node.next.get(port);
      if (!next) {
        // Only a listen's timeout may be left unconnected (validation makes every other port lead somewhere).
        yield new EndStream({ reason: port === "timeout" ? END_REASONS.timeout : END_REASONS.completed });
        return;
      }
      node = next;
    }
  };
}

function runNode(node: CompiledNode, state: FlowState): NodeStep {
  try {
    return node.executor.run(state);
  } catch (error) {
    if (error instanceof NodeExecutionError) throw error;
    throw new NodeExecutionError(node.id, error instanceof Error ? error.message : String(error));
  }
}
