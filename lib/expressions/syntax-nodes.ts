import type { ASTNode } from "@marcbachmann/cel-js";

/** The interpreter's evaluate function, as each syntax node carries it: `node.evaluate(evaluator, node, context)`. */
export type NodeEvaluate = (this: unknown, evaluator: unknown, node: unknown, context: unknown) => unknown;

/**
 * A cel-js syntax node as it is at run time, beyond its published type: the interpreter evaluates a tree by calling
 * each node's `evaluate` (its prototype's, which on first use installs the operator's own as the node's property),
 * and a macro (`map`, `all`, `cel.bind`, `has`) keeps the tree it expands to in `meta`.
 */
export interface InterpreterNode {
  readonly op: string;
  readonly args: unknown;
  evaluate: NodeEvaluate;
  readonly meta: { readonly alternate?: unknown; readonly macro?: unknown };
}

/**
 * Every node of a parsed expression, macro expansions included, each once. Throws if cel-js's nodes no longer look
 * as this module expects, so that an upgrade fails loudly here rather than quietly running expressions unmetered.
 */
export function syntaxNodes(root: ASTNode): InterpreterNode[] {
  const prototype: unknown = Object.getPrototypeOf(root);
  if (!hasInterpreterShape(prototype)) throw new Error("cel-js syntax nodes changed shape: expressions cannot be metered");
  return reachableNodes(root, (value): value is InterpreterNode => Object.getPrototypeOf(value) === prototype);
}

/** The nodes found from `start` (itself included when it is one): through arguments, macro expansions, records. */
export function reachableNodes(start: unknown, isNode: (value: object) => value is InterpreterNode): InterpreterNode[] {
  const nodes: InterpreterNode[] = [];
  const seen = new Set<object>();
  const pending: unknown[] = [start];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (isNode(value)) {
      nodes.push(value);
      // A literal's arguments are its value (bytes, a big integer): nothing to walk.
      if (value.op !== "value") pending.push(value.args);
      pending.push(value.meta.alternate, value.meta.macro);
    } else if (Array.isArray(value)) {
      pending.push(...value);
    } else if (Object.getPrototypeOf(value) === Object.prototype) {
      // A comprehension's arguments ({ iterable, init, step, ... }) or a macro's record ({ val, exp, ... }).
      pending.push(...Object.values(value));
    }
  }
  return nodes;
}

function hasInterpreterShape(prototype: unknown): prototype is object {
  if (typeof prototype !== "object" || prototype === null) return false;
  const evaluate: unknown = Reflect.get(prototype, "evaluate");
  return typeof evaluate === "function" && typeof Object.getOwnPropertyDescriptor(prototype, "meta")?.get === "function";
}

/** Whether a value is one of the given nodes. */
export function isNodeOf(nodes: ReadonlySet<InterpreterNode>, value: unknown): value is InterpreterNode {
  const members: ReadonlySet<unknown> = nodes;
  return members.has(value);
}

/** The syntax nodes directly inside a list of arguments (a call's, an operator's). */
export function nodeArguments(value: unknown, nodes: ReadonlySet<InterpreterNode>): InterpreterNode[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item: unknown) => isNodeOf(nodes, item));
}

/** A named field of a node's record arguments (a comprehension's `iterable`, `init`, ...). */
export function argumentField(node: InterpreterNode, key: string): unknown {
  const args = node.args;
  return typeof args === "object" && args !== null && !Array.isArray(args) ? Reflect.get(args, key) : undefined;
}
