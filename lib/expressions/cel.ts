import { Environment, type ASTNode, type ParseResult } from "@marcbachmann/cel-js";
import { countSize, startMetering, stopMetering } from "./evaluation-meter";
import { EvaluationLimitError } from "./limit-error";
import { EVALUATION_LIMITS } from "./limits";
import { authorsCallNames, literalPatternProblem, registerLinearMatches, pointMatchesAtLinear } from "./linear-matches";
import { meterSyntaxTree } from "./metered-ast";
import { syntaxNodes } from "./syntax-nodes";
import type { TurnBudget } from "./turn-budget";
import { rememberValueSize } from "./value-size";

/**
 * Expressions are CEL (Common Expression Language): non-Turing-complete, no access to host objects,
 * evaluated by a maintained interpreter. Never eval, Function or vm.
 */
const environment = new Environment({
  unlistedVariablesAreDyn: true,
  homogeneousAggregateLiterals: false,
  limits: { maxAstNodes: 500, maxDepth: 40, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 8 },
});
registerLinearMatches(environment);

/** Values variables can hold: JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Variables = Record<string, JsonValue>;

/** A parsed expression, ready to run many times. */
export interface CompiledExpression {
  source: string;
  evaluate(scope: ExpressionScope): JsonValue;
}

/** What an expression can see: the session's variables and the last utterance; and what is left of the turn. */
export interface ExpressionScope {
  variables: Variables;
  utterance: string;
  /** The turn's allowance the evaluation draws from (see turn-budget.ts); without one, only its own limits apply. */
  budget?: TurnBudget;
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
const MAX_MESSAGE_LENGTH = 500;

/**
 * Parses a CEL expression; throws ExpressionError with a readable message when it does not parse, or when a literal
 * pattern of `matches` cannot run. Every evaluation is metered (see limits.ts) and throws EvaluationLimitError past
 * a limit.
 */
export function compileExpression(source: string): CompiledExpression {
  if (source.trim() === "") throw new ExpressionError("The expression is empty", source);
  if (source.length > MAX_SOURCE_LENGTH) throw new ExpressionError(`Expressions are at most ${MAX_SOURCE_LENGTH} characters`, source);
  let program: ParseResult;
  try {
    program = environment.parse(source);
  } catch (error) {
    throw new ExpressionError(firstLine(error), source);
  }
  const nodes = syntaxNodes(program.ast);
  pointMatchesAtLinear(nodes);
  const patternProblem = literalPatternProblem(nodes);
  if (patternProblem) throw new ExpressionError(patternProblem, source);
  // The nodes evaluated at most once per evaluation are charged at its start; the others as they run.
  const stepsUpFront = meterSyntaxTree(nodes);
  // Only what the expression names is converted: the interpreter reads nothing else from the context, and
  // converting every session variable on every run cost five times the evaluation itself.
  const names = identifiers(program.ast);
  return {
    source,
    evaluate(scope) {
      let value: JsonValue;
      try {
        startMetering(scope.budget, stepsUpFront);
        const context: Record<string, unknown> = {};
        for (const name of names) {
          // The utterance shadows a variable of the same name, as it always has.
          if (name === "utterance") context.utterance = scope.utterance;
          else if (Object.hasOwn(scope.variables, name)) context[name] = toCel(scope.variables[name] as JsonValue);
        }
        value = fromCel(program(context));
      } catch (error) {
        const limit = stopMetering();
        if (limit) throw new EvaluationLimitError(limit);
        if (error instanceof EvaluationLimitError) throw error;
        throw new ExpressionError(authorsCallNames(firstLine(error)), source);
      }
      // `a || b` and `list.all` catch errors and may still produce a value after a limit stopped a part of them.
      const limit = stopMetering();
      if (limit) throw new EvaluationLimitError(limit);
      return value;
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

/** The first line of an error, at most 500 characters: a message may quote a value, and values hold up to 65,536. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split("\n")[0] ?? message;
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH)}…` : line;
}

/**
 * CEL distinguishes int from double: whole JSON numbers become ints so `count + 1` works. Each list and map copied is
 * charged to the evaluation (one per item): the conversion is work done for it.
 */
function toCel(value: JsonValue): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) {
    countSize(value.length + 1);
    return value.map(toCel);
  }
  if (value !== null && typeof value === "object") {
    const out = new Map<string, unknown>();
    for (const [key, inner] of Object.entries(value)) {
      countSize(1);
      out.set(key, toCel(inner));
    }
    return out;
  }
  return value;
}

/** The JSON of a result; a scalar (most results) without the walk and its counter. */
function fromCel(value: unknown): JsonValue {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean" || typeof value === "number" || value === null) return value;
  if (typeof value === "string") {
    if (value.length > EVALUATION_LIMITS.maxValueSize) throw new EvaluationLimitError("valueSize");
    return value;
  }
  const built = { size: 0 };
  const json = jsonOf(value, built);
  countSize(built.size);
  return json;
}

/**
 * The JSON a result is stored as, measured as it is built into `built.size`: past the size of one value it stops,
 * whatever the result (a list that shares one big part a thousand times is small in memory and huge as JSON). Lists
 * and maps keep their size for value-size.ts, so storing the result does not walk it again.
 */
function jsonOf(value: unknown, built: { size: number }): JsonValue {
  if (typeof value === "string") return grow(built, value.length) && value;
  if (typeof value === "bigint") return grow(built, 1) && Number(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return grow(built, 1) && value;
  if (value === undefined || typeof value !== "object")
    throw new ExpressionError("The expression produced a value that cannot be stored", "");
  const before = built.size;
  grow(built, 1);
  let out: JsonValue[] | Record<string, JsonValue>;
  if (Array.isArray(value)) {
    out = value.map((item) => jsonOf(item, built));
  } else if (value instanceof Uint8Array) {
    grow(built, value.length);
    out = Array.from(value);
  } else {
    const record: Record<string, JsonValue> = {};
    for (const [key, inner] of value instanceof Map ? value : Object.entries(value)) {
      const name = String(key);
      grow(built, name.length);
      record[name] = jsonOf(inner, built);
    }
    out = record;
  }
  rememberValueSize(out, built.size - before);
  return out;
}

/** Adds to what the conversion has built, stopping past the size of one value. */
function grow(built: { size: number }, size: number): true {
  built.size += size;
  if (built.size > EVALUATION_LIMITS.maxValueSize) throw new EvaluationLimitError("valueSize");
  return true;
}
