import { Environment, type ASTNode, type ParseResult } from "@marcbachmann/cel-js";

/**
 * Expressions are CEL (Common Expression Language): non-Turing-complete, no access to host objects,
 * evaluated by a maintained interpreter. Never eval, Function or vm.
 */
const environment = new Environment({
  unlistedVariablesAreDyn: true,
  homogeneousAggregateLiterals: false,
  limits: { maxAstNodes: 500, maxDepth: 40, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 8 },
});

/** Values variables can hold: JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Variables = Record<string, JsonValue>;

/** A parsed expression, ready to run many times. */
export interface CompiledExpression {
  source: string;
  evaluate(scope: ExpressionScope): JsonValue;
}

/** What an expression can see: the session's variables and the last utterance. */
export interface ExpressionScope {
  variables: Variables;
  utterance: string;
}

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(message);
    this.name = "ExpressionError";
  }
}

const MAX_SOURCE_LENGTH = 2000;

/** Parses a CEL expression; throws ExpressionError with a readable message when it does not parse. */
export function compileExpression(source: string): CompiledExpression {
  if (source.trim() === "") throw new ExpressionError("The expression is empty", source);
  if (source.length > MAX_SOURCE_LENGTH) throw new ExpressionError(`Expressions are at most ${MAX_SOURCE_LENGTH} characters`, source);
  let program: ParseResult;
  try {
    program = environment.parse(source);
  } catch (error) {
    throw new ExpressionError(firstLine(error), source);
  }
  // Only what the expression names is converted: the interpreter reads nothing else from the context, and
  // converting every session variable on every run cost five times the evaluation itself.
  const names = identifiers(program.ast);
  return {
    source,
    evaluate(scope) {
      const context: Record<string, unknown> = {};
      for (const name of names) {
        // The utterance shadows a variable of the same name, as it always has.
        if (name === "utterance") context.utterance = scope.utterance;
        else if (Object.hasOwn(scope.variables, name)) context[name] = toCel(scope.variables[name] as JsonValue);
      }
      try {
        return fromCel(program(context));
      } catch (error) {
        throw new ExpressionError(firstLine(error), source);
      }
    },
  };
}

/** The parse error of an expression, or null when it parses. */
export function expressionProblem(source: string): string | null {
  try {
    compileExpression(source);
    return null;
  } catch (error) {
    return error instanceof ExpressionError ? error.message : String(error);
  }
}

/** Macros whose first argument names a variable bound inside the call (`list.map(x, x + 1)`). */
const BINDING_MACROS = new Set(["all", "exists", "exists_one", "map", "filter"]);
/** Identifiers CEL itself defines (type names), which are not variables. */
const TYPE_IDENTIFIERS = new Set(["int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type", "dyn"]);

/**
 * The variables an expression reads from the session, in order of first use: its free identifiers, without macro loop
 * variables (`x` in `list.map(x, ...)`, `t` in `cel.bind(t, ...)`) and CEL's type names. Null when it does not parse.
 */
export function expressionVariables(source: string): string[] | null {
  let ast: ASTNode;
  try {
    ast = compileAst(source);
  } catch {
    return null;
  }
  const names = new Set<string>();
  const visit = (value: unknown, bound: ReadonlySet<string>): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, bound);
      return;
    }
    if (!isAstNode(value)) {
      if (value !== null && typeof value === "object") for (const inner of Object.values(value)) visit(inner, bound);
      return;
    }
    if (value.op === "id") {
      if (typeof value.args === "string" && !bound.has(value.args) && !TYPE_IDENTIFIERS.has(value.args)) names.add(value.args);
      return;
    }
    if (value.op === "value") return;
    if (value.op === "rcall" && Array.isArray(value.args)) {
      // A method call is [name, receiver, arguments].
      const [name, receiver, callArgs]: unknown[] = value.args;
      const [first, ...rest]: unknown[] = Array.isArray(callArgs) ? callArgs : [];
      const loopVariable = isAstNode(first) && first.op === "id" && typeof first.args === "string" ? first.args : null;
      const isBind = name === "bind" && isAstNode(receiver) && receiver.op === "id" && receiver.args === "cel";
      if (loopVariable !== null && typeof name === "string" && (BINDING_MACROS.has(name) || isBind)) {
        if (!isBind) visit(receiver, bound);
        const inner = new Set(bound).add(loopVariable);
        // cel.bind(name, init, body): the initialiser does not see the name yet.
        if (isBind) {
          visit(rest[0], bound);
          visit(rest.slice(1), inner);
        } else visit(rest, inner);
        return;
      }
    }
    visit(value.args, bound);
  };
  visit(ast, new Set());
  return [...names];
}

function compileAst(source: string): ASTNode {
  if (source.trim() === "") throw new ExpressionError("The expression is empty", source);
  return environment.parse(source).ast;
}

/**
 * Every identifier an expression reads (the interpreter looks a name up in the context only for an `id` node), plus
 * macro loop variables such as `x` in `list.map(x, ...)`, which are harmless extra names.
 */
function identifiers(ast: ASTNode): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (isAstNode(value)) {
      if (value.op === "id") {
        if (typeof value.args === "string") names.add(value.args);
      } else if (value.op !== "value") {
        visit(value.args);
      }
    } else if (value !== null && typeof value === "object") {
      for (const inner of Object.values(value)) visit(inner);
    }
  };
  visit(ast);
  return [...names];
}

function isAstNode(value: unknown): value is { op: string; args: unknown } {
  return value !== null && typeof value === "object" && "op" in value && "args" in value && typeof value.op === "string";
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}

/** CEL distinguishes int from double: whole JSON numbers become ints so `count + 1` works. */
function toCel(value: JsonValue): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === "object") {
    const out = new Map<string, unknown>();
    for (const [key, inner] of Object.entries(value)) out.set(key, toCel(inner));
    return out;
  }
  return value;
}

function fromCel(value: unknown): JsonValue {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value === null) return value;
  if (Array.isArray(value)) return value.map(fromCel);
  if (value instanceof Map) {
    const out: Record<string, JsonValue> = {};
    for (const [key, inner] of value) out[String(key)] = fromCel(inner);
    return out;
  }
  if (value instanceof Uint8Array) return Array.from(value);
  if (value !== undefined && typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = fromCel(inner);
    return out;
  }
  throw new ExpressionError("The expression produced a value that cannot be stored", "");
}
