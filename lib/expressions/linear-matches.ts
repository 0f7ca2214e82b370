import type { Environment } from "@marcbachmann/cel-js";
import { countSteps } from "./evaluation-meter";
import { regexSteps } from "./limits";
import { cachedLinearRegex, matchesPatternProblem } from "./pattern-cache";
import type { InterpreterNode } from "./syntax-nodes";

/**
 * CEL's `string.matches(pattern)` on RE2 instead of cel-js's built-in, which runs `new RegExp(pattern)` (a
 * backtracking engine: one pattern can hold the event loop for seconds). cel-js refuses a second overload that
 * overlaps its own, so the linear one is registered under another name and each parsed `matches` call is pointed at
 * it: the name is only looked up when the call is first type-checked, after parsing. CEL defines `matches` on RE2
 * syntax, so this is also the language's own meaning.
 */
const LINEAR_MATCHES = "linearMatches";

/** Adds the linear `matches` to an environment (once, before it parses anything). */
export function registerLinearMatches(environment: Environment): void {
  environment.registerFunction(`string.${LINEAR_MATCHES}(string): bool`, (text: string, pattern: string) => {
    const regex = cachedLinearRegex(pattern);
    countSteps(regexSteps(text.length, regex.programSize));
    return regex.test(text);
  });
}

/** Points the `matches` calls of a parsed expression at the linear one. */
export function pointMatchesAtLinear(nodes: readonly InterpreterNode[]): void {
  for (const node of nodes) {
    const args = node.args;
    if (node.op === "rcall" && Array.isArray(args) && args[0] === "matches") args[0] = LINEAR_MATCHES;
  }
}

/** Why a literal pattern of `matches("…")` cannot run, or null: found when the expression is checked, not at run time. */
export function literalPatternProblem(nodes: readonly InterpreterNode[]): string | null {
  const literals = new Map(nodes.filter((node) => node.op === "value").map((node) => [node, node.args]));
  for (const node of nodes) {
    const args = node.args;
    if (node.op !== "rcall" || !Array.isArray(args) || args[0] !== LINEAR_MATCHES || !Array.isArray(args[2])) continue;
    const pattern = literals.get(args[2][0]);
    if (typeof pattern !== "string") continue;
    const problem = matchesPatternProblem(pattern);
    if (problem) return `matches("${pattern}"): ${problem}`;
  }
  return null;
}

/** Error messages name the call as the author wrote it. */
export function authorsCallNames(message: string): string {
  return message.replaceAll(LINEAR_MATCHES, "matches");
}
