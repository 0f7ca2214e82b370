import { compileExpression, type JsonValue } from "../../expressions/cel";
import { EvaluationLimitError } from "../../expressions/limit-error";
import type { SetFlowNode } from "../../flow/schema";
import { NodeExecutionError } from "../errors";
import type { FlowState, NodeExecutor } from "./executor";
import { nodeName } from "./node-name";
import { storeVariable } from "./turn-limits";

/** Assignments run in order, so a later one can read an earlier one's result. */
export function compileSet(node: SetFlowNode): NodeExecutor {
  const name = nodeName(node);
  const assignments = node.data.assignments.map((assignment) => {
    const what = `${name}: setting ${assignment.variable}`;
    if (assignment.source.type === "utterance")
      return { variable: assignment.variable, what, value: (state: FlowState): JsonValue => state.utterance };
    const expression = compileExpression(assignment.source.expression);
    return {
      variable: assignment.variable,
      what,
      value: (state: FlowState): JsonValue => {
        try {
          return expression.evaluate(state);
        } catch (error) {
          // A limit names the node, the variable and the limit: the session's end message is all an author may see.
          if (error instanceof EvaluationLimitError) throw new NodeExecutionError(node.id, `${what} ${error.message}`);
          throw new NodeExecutionError(
            node.id,
            `Setting ${assignment.variable} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      },
    };
  });
  return {
    run(state) {
      const changes: Record<string, JsonValue> = {};
      for (const { variable, what, value } of assignments) {
        const result = value(state);
        storeVariable(state, node.id, what, variable, result);
        changes[variable] = result;
      }
      return { kind: "trace", port: "next", event: { type: "variables.changed", nodeId: node.id, changes } };
    },
  };
}
