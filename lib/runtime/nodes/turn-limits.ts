import type { JsonValue } from "../../expressions/cel";
import { EvaluationLimitError, formatLimit } from "../../expressions/limit-error";
import { EVALUATION_LIMITS } from "../../expressions/limits";
import { valueSize } from "../../expressions/value-size";
import { NodeExecutionError } from "../errors";
import type { FlowState } from "./executor";

/**
 * What the runtime itself draws from a turn's allowance, beside the expressions (see lib/expressions/limits.ts):
 * regular expressions of Branch nodes, and what the turn logs (assigned values, replies), so one turn can neither hold
 * the event loop nor flood the session log, however many nodes it chains.
 */

/** Draws `steps` from the turn; past its limit, the node fails. `what` opens the message ("Branch node \"b\": …"). */
export function chargeTurnSteps(state: FlowState, nodeId: string, what: string, steps: number): void {
  state.budget.steps -= steps;
  if (state.budget.steps < 0) throw new NodeExecutionError(nodeId, `${what} ${new EvaluationLimitError("turnSteps").message}`);
}

/** Draws `size` from the turn; past its limit, the node fails. */
export function chargeTurnSize(state: FlowState, nodeId: string, what: string, size: number): void {
  state.budget.size -= size;
  if (state.budget.size < 0) throw new NodeExecutionError(nodeId, `${what} ${new EvaluationLimitError("turnSize").message}`);
}

/**
 * Stores a variable, within the size of one value and of all the session's variables together, and charges the value
 * to the turn (it is logged in `variables.changed`). `what` opens the message: `Set node "grow": setting s`, made
 * once when the node is compiled, as this runs for every assignment.
 */
export function storeVariable(state: FlowState, nodeId: string, what: string, variable: string, value: JsonValue): void {
  const size = sizeOf(value, EVALUATION_LIMITS.maxValueSize);
  if (size > EVALUATION_LIMITS.maxValueSize)
    throw new NodeExecutionError(
      nodeId,
      `${what} would store more than ${formatLimit(EVALUATION_LIMITS.maxValueSize)} characters or items, the limit for one variable`,
    );
  const previous = state.variables[variable];
  const total = state.variablesSize - (previous === undefined ? 0 : sizeOf(previous, Number.POSITIVE_INFINITY)) + size;
  if (total > EVALUATION_LIMITS.maxVariablesSize)
    throw new NodeExecutionError(
      nodeId,
      `${what} would make the session's variables hold more than ${formatLimit(EVALUATION_LIMITS.maxVariablesSize)} characters and items together, the limit for one session`,
    );
  chargeTurnSize(state, nodeId, what, size);
  state.variables[variable] = value;
  state.variablesSize = total;
}

/** valueSize with the common cases inline: this runs for every assignment and every heard utterance. */
function sizeOf(value: JsonValue, cap: number): number {
  if (typeof value === "string") return value.length;
  return typeof value === "object" && value !== null ? valueSize(value, cap) : 1;
}

/** The size of a session's starting variables, which its later assignments are added to. */
export function variablesSize(variables: FlowState["variables"]): number {
  let total = 0;
  for (const value of Object.values(variables)) total += valueSize(value, Number.POSITIVE_INFINITY);
  return total;
}
