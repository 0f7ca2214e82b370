import { formatLimit } from "../../expressions/limit-error";
import { EVALUATION_LIMITS } from "../../expressions/limits";
import type { CompiledTemplate } from "../../expressions/template";
import { NodeExecutionError } from "../errors";
import type { FlowState } from "./executor";
import { chargeTurnSize } from "./turn-limits";

/**
 * The text a Say or an End's goodbye sends: rendered within the longest reply, and charged to the turn, as the session
 * logs every reply. `what` opens the message: `Say node "greet": the reply`, made once when the node is compiled.
 */
export function replyText(template: CompiledTemplate, state: FlowState, nodeId: string, what: string): string {
  const text = template.renderWithin(state.variables, EVALUATION_LIMITS.maxReplyLength);
  if (text === null)
    throw new NodeExecutionError(
      nodeId,
      `${what} would be longer than ${formatLimit(EVALUATION_LIMITS.maxReplyLength)} characters, the limit for one reply`,
    );
  chargeTurnSize(state, nodeId, what, text.length);
  return text;
}
