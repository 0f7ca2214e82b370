import { compileExpression, type CompiledExpression } from "../../expressions/cel";
import { EvaluationLimitError } from "../../expressions/limit-error";
import { regexSteps } from "../../expressions/limits";
import { compileLinearRegex } from "../../expressions/linear-regex";
import { compilePhrases } from "../../expressions/phrases";
import type { BranchFlowNode } from "../../flow/schema";
import { NodeExecutionError } from "../errors";
import type { FlowState, NodeExecutor } from "./executor";
import { excerpt } from "./excerpt";
import { nodeName } from "./node-name";
import { chargeTurnSteps } from "./turn-limits";

type Test = (state: FlowState) => boolean;

/** Conditions are tried in order; the first that matches picks its port, otherwise `else`. */
export function compileBranch(node: BranchFlowNode): NodeExecutor {
  const name = nodeName(node);
  const tests = node.data.conditions.map((condition) => ({ port: condition.id, test: compileCondition(node.id, name, condition.match) }));
  const steps = new Map(tests.map(({ port }) => [port, { kind: "next", port } as const]));
  const otherwise = { kind: "next", port: "else" } as const;
  return {
    run(state) {
      for (const { port, test } of tests) if (test(state)) return steps.get(port) ?? otherwise;
      return otherwise;
    },
  };
}

function compileCondition(nodeId: string, name: string, match: BranchFlowNode["data"]["conditions"][number]["match"]): Test {
  switch (match.type) {
    case "phrases": {
      const matches = compilePhrases(match.phrases);
      return (state) => matches(state.normalizedUtterance);
    }
    case "regex": {
      // RE2: linear in the utterance, whatever the pattern (see linear-regex.ts); a match is charged to the turn first.
      const pattern = compileLinearRegex(match.pattern, match.flags ?? "i");
      const what = `${name}: the regular expression /${excerpt(match.pattern)}/`;
      return (state) => {
        chargeTurnSteps(state, nodeId, what, regexSteps(state.utterance.length, pattern.programSize));
        return pattern.test(state.utterance);
      };
    }
    case "expression": {
      const expression = compileExpression(match.expression);
      return (state) => evaluateCondition(nodeId, name, expression, state);
    }
  }
}

function evaluateCondition(nodeId: string, name: string, expression: CompiledExpression, state: FlowState): boolean {
  let value;
  try {
    value = expression.evaluate(state);
  } catch (error) {
    if (error instanceof EvaluationLimitError)
      throw new NodeExecutionError(nodeId, `${name}: the condition "${excerpt(expression.source)}" ${error.message}`);
    throw new NodeExecutionError(
      nodeId,
      `Condition "${excerpt(expression.source)}" failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof value !== "boolean") {
    throw new NodeExecutionError(
      nodeId,
      `Condition "${excerpt(expression.source)}" must be true or false, got ${excerpt(JSON.stringify(value))}`,
    );
  }
  return value;
}
