import { compileExpression, type JsonValue } from "../../expressions/cel";
import type { SetFlowNode } from "../../flow/schema";
import { NodeExecutionError } from "../errors";
import type { FlowState, NodeExecutor } from "./executor";

/** Assignments run in order, so a later one can read an earlier one's result. */
export function compileSet(node: SetFlowNode): NodeExecutor {
  const assignments = node.data.assignments.map((assignment) => {
    if (assignment.source.type === "utterance")
      return { variable: assignment.variable, value: (state: FlowState): JsonValue => state.utterance };
    const expression = compileExpression(assignment.source.expression);
    return {
      variable: assignment.variable,
      value: (state: FlowState): JsonValue => {
        try {
          return expression.evaluate(state);
        } catch (error) {
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
      for (const { variable, value } of assignments) {
        const result = value(state);
        state.variables[variable] = result;
        changes[variable] = result;
      }
      return { kind: "trace", port: "next", event: { type: "variables.changed", nodeId: node.id, changes } };
    },
  };
}
