import { countSteps, countValue } from "./evaluation-meter";
import { argumentField, isNodeOf, nodeArguments, reachableNodes, type InterpreterNode, type NodeEvaluate } from "./syntax-nodes";

/** Operators that make a new string, list or map (`+` concatenates; calls such as `split` and `join` build). */
const BUILDERS = new Set(["+", "call", "rcall", "list", "map", "comprehension"]);
/**
 * Operators whose time grows with the size of their operands: comparing and searching. (`+` is not here: the value it
 * builds is at least as big as what it read, and is measured.)
 */
const READERS = new Set(["==", "!=", "<", "<=", ">", ">=", "in"]);
/** Calls that take constant time whatever their argument's size. */
const CONSTANT_TIME_CALLS = new Set(["size"]);

/**
 * Meters a parsed expression where it runs, not after the fact (evaluation-meter.ts holds the allowance):
 *
 * - Steps: one per node evaluated. A node outside every comprehension's step is evaluated at most once per evaluation
 *   and is charged up front: the returned count. The body of a `map`, `all`, ... runs once per item, and its root is
 *   wrapped to charge the nodes of the body each time (those of a nested comprehension's body charge themselves), so
 *   a nested `all`/`map` stops at the item that crosses the limit.
 * - Sizes: a node that builds a string, list or map, or whose value an operation reads in full, is wrapped to check
 *   that value against the size of one value and charge it to the evaluation, so `cel.bind(x, s + s, cel.bind(y,
 *   x + x, …))` stops at the doubling that crosses the limit rather than once the whole value exists.
 *
 * Wrapping only those nodes keeps `count + 1` at one wrapper (its `+`) and a loop's body at one, plus its builders:
 * a wrapper per node cost ~40 ns more per `count + 1` and made loops 1.6 times slower. Type checking does not undo
 * the wrappers: it runs before a node's first evaluation and changes only what that evaluation then installs as the
 * node's own evaluate, which the wrapper picks up and keeps calling.
 */
export function meterSyntaxTree(nodes: readonly InterpreterNode[]): number {
  const all = new Set(nodes);
  const measured = new Set<InterpreterNode>();
  const accumulators = new Set<InterpreterNode>();
  /** Each node inside a comprehension's body, with the body it belongs to: the innermost, the smallest. */
  const bodyOf = new Map<InterpreterNode, InterpreterNode[]>();
  const bodyRoots = new Map<InterpreterNode[], InterpreterNode>();
  for (const node of nodes) {
    // A macro's call node only hands over to its expansion, which is metered in its own right.
    if (node.meta.alternate !== undefined || node.meta.macro !== undefined) continue;
    if (BUILDERS.has(node.op)) measured.add(node);
    for (const read of readOperands(node, all)) measured.add(read);
    if (node.op !== "comprehension") continue;
    // The accumulator starts as an empty list that every step pushes to: measured once, its size would be remembered
    // wrong (value-size.ts); the comprehension's result, the same list when complete, is measured instead.
    const init = argumentField(node, "init");
    if (isNodeOf(all, init)) accumulators.add(init);
    const step = argumentField(node, "step");
    if (!isNodeOf(all, step)) continue;
    const body = reachableNodes(step, (value) => isNodeOf(all, value));
    bodyRoots.set(body, step);
    for (const inner of body) {
      const known = bodyOf.get(inner);
      if (known === undefined || known.length > body.length) bodyOf.set(inner, body);
    }
  }
  const bodySteps = new Map<InterpreterNode, number>();
  let upFront = 0;
  for (const node of nodes) {
    const body = bodyOf.get(node);
    const root = body && bodyRoots.get(body);
    if (root === undefined) upFront += 1;
    else bodySteps.set(root, (bodySteps.get(root) ?? 0) + 1);
  }
  for (const node of nodes) {
    const steps = bodySteps.get(node) ?? 0;
    const measure = measured.has(node) && !accumulators.has(node) && node.op !== "value";
    if (measure || steps > 0) install(node, steps, measure);
  }
  return upFront;
}

/** The operands whose whole value an operation reads. */
function readOperands(node: InterpreterNode, all: ReadonlySet<InterpreterNode>): InterpreterNode[] {
  const args = node.args;
  if (READERS.has(node.op)) return nodeArguments(args, all);
  if (!Array.isArray(args)) {
    const iterable = node.op === "comprehension" ? argumentField(node, "iterable") : undefined;
    return isNodeOf(all, iterable) ? [iterable] : [];
  }
  const name: unknown = args[0];
  if (typeof name === "string" && CONSTANT_TIME_CALLS.has(name)) return [];
  if (node.op === "call") return nodeArguments(args[1], all);
  if (node.op === "rcall") return [...nodeArguments([args[1]], all), ...nodeArguments(args[2], all)];
  return [];
}

function install(node: InterpreterNode, steps: number, measure: boolean): void {
  // The prototype's evaluate, which on the first call resolves the node's own (see InterpreterNode).
  const resolve = node.evaluate;
  let inner: NodeEvaluate | null = null;
  const metered: NodeEvaluate = function (evaluator, self, context) {
    if (steps > 0) countSteps(steps);
    let result: unknown;
    if (inner !== null) {
      result = inner.call(node, evaluator, self, context);
    } else {
      try {
        result = resolve.call(node, evaluator, self, context);
      } finally {
        // Take what the first call installed and put the meter back in front of it.
        inner = node.evaluate === metered ? resolve : node.evaluate;
        node.evaluate = metered;
      }
    }
    if (measure) countValue(result);
    return result;
  };
  node.evaluate = metered;
}
