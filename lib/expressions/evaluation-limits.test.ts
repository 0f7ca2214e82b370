import { describe, expect, it } from "vitest";
import { compileExpression, expressionProblem, ExpressionError, type ExpressionScope, type Variables } from "./cel";
import { EvaluationLimitError, type EvaluationLimit } from "./limit-error";
import { EVALUATION_LIMITS } from "./limits";
import { newTurnBudget } from "./turn-budget";

const list = (length: number) => `[${Array.from({ length }, (_, index) => index).join(", ")}]`;
const L40 = list(40);

/** Nested `all` five deep over 40 items: 40⁵ ≈ 10⁸ steps unmetered (6.9 s measured on main). */
const NESTED_ALL = `${L40}.all(a, ${L40}.all(b, ${L40}.all(c, ${L40}.all(d, ${L40}.all(e, a + b + c + d + e >= 0)))))`;
/** Nested `map` five deep over 40 items: builds 10⁸ numbers unmetered. */
const NESTED_MAP = `${L40}.map(a, ${L40}.map(b, ${L40}.map(c, ${L40}.map(d, ${L40}.map(e, a + e)))))`;
/** Three deep over a variable of 216 items: 216³ ≈ 10⁷ iterations, the "10⁷ steps" case (1.2 s on main). */
const TEN_MILLION = "l.map(a, l.map(b, l.filter(c, a + b + c == 7))).size()";
const L216: Variables = { l: Array.from({ length: 216 }, (_, index) => index) };

/** `cel.bind(s0, utterance, cel.bind(s1, s0 + s0, … s(n-1) + s(n-1)))`: the utterance doubled n times in one expression. */
function bindDoubling(doublings: number): string {
  let expression = `s${doublings - 1} + s${doublings - 1}`;
  for (let level = doublings - 1; level >= 1; level -= 1) expression = `cel.bind(s${level}, s${level - 1} + s${level - 1}, ${expression})`;
  return `cel.bind(s0, utterance, ${expression})`;
}

function scope(variables: Variables = {}, utterance = ""): ExpressionScope {
  return { variables, utterance, budget: newTurnBudget() };
}

function limitOf(run: () => unknown): EvaluationLimit | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof EvaluationLimitError) return error.limit;
    throw error;
  }
}

/** Runs and times an evaluation that must stop at a limit. */
function stopsAt(expression: string, at: ExpressionScope = scope()): { limit: EvaluationLimit | null; ms: number } {
  const compiled = compileExpression(expression);
  const started = performance.now();
  const limit = limitOf(() => compiled.evaluate(at));
  return { limit, ms: performance.now() - started };
}

describe("evaluation limits", () => {
  it("stop nested all five deep over 40 items at the step limit, in milliseconds", () => {
    const { limit, ms } = stopsAt(NESTED_ALL);
    expect(limit).toBe("evaluationSteps");
    expect(ms).toBeLessThan(500);
  });

  it("stop nested map five deep over 40 items at the step limit", () => {
    expect(stopsAt(NESTED_MAP).limit).toBe("evaluationSteps");
  });

  it("stop a ten-million-step expression at the step limit", () => {
    const { limit, ms } = stopsAt(TEN_MILLION, scope(L216));
    expect(limit).toBe("evaluationSteps");
    expect(ms).toBeLessThan(500);
  });

  it("let an expression under the step limit finish", () => {
    // 20 × 20 × 20 = 8,000 iterations of 11 steps each (the body's nodes: the predicate's and the macro's own).
    const L20 = list(20);
    expect(compileExpression(`${L20}.all(a, ${L20}.all(b, ${L20}.all(c, a + b + c >= 0)))`).evaluate(scope())).toBe(true);
  });

  it("stop cel.bind doubling at the first value past the size of one value", () => {
    const expression = bindDoubling(17);
    expect(expression).toContain("cel.bind(s16, s15 + s15");
    const { limit, ms } = stopsAt(expression, scope({}, "x".repeat(2000)));
    expect(limit).toBe("valueSize");
    expect(ms).toBeLessThan(200);
    // 2,000 × 2⁵ = 64,000 characters still fits.
    expect(compileExpression(bindDoubling(5)).evaluate(scope({}, "x".repeat(2000)))).toHaveLength(64_000);
  });

  it("stop a value that shares its parts at the size it has as JSON, not in memory", () => {
    // Each level is a list of the previous one twice: 2¹⁸ copies of the utterance once written out.
    let expression = "[utterance, utterance]";
    for (let level = 0; level < 18; level += 1) expression = `cel.bind(v${level}, ${expression}, [v${level}, v${level}])`;
    expect(stopsAt(expression, scope({}, "hello")).limit).toBe("valueSize");
  });

  it("stop a list that doubles and strings that double, one assignment at a time", () => {
    const doubled = compileExpression("l + l");
    let variables: Variables = { l: ["x".repeat(2000)] };
    let doublings = 0;
    const limit = limitOf(() => {
      for (; doublings < 22; doublings += 1) variables = { l: doubled.evaluate(scope(variables)) };
    });
    expect(limit).toBe("valueSize");
    expect(doublings).toBe(5);

    const twice = compileExpression("s + s");
    let text: Variables = { s: "y".repeat(2000) };
    let times = 0;
    expect(
      limitOf(() => {
        for (; times < 17; times += 1) text = { s: twice.evaluate(scope(text)) };
      }),
    ).toBe("valueSize");
    expect(times).toBe(5);
  });

  it("charge what comparisons read, so comparing big values over and over stops", () => {
    const big = "z".repeat(60_000);
    const { limit } = stopsAt(`${list(100)}.all(i, a == b)`, scope({ a: big, b: `${big}` }));
    expect(limit).toBe("evaluationSize");
  });

  it("stop a backtracking-prone CEL matches() in linear time, and charge a big pattern on a big input", () => {
    const catastrophic = compileExpression('utterance.matches("^(a+)+$")');
    const started = performance.now();
    expect(catastrophic.evaluate(scope({}, "a".repeat(2000) + "!"))).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
    // An NFA-bound pattern of ~1,000 instructions over 60,000 characters would hold the loop for seconds.
    expect(stopsAt('text.matches("a[ab]{999}b$")', scope({ text: "ab".repeat(30_000) })).limit).toBe("evaluationSteps");
  });

  it("refuses a literal matches() pattern RE2 cannot run when the expression is checked", () => {
    expect(expressionProblem('utterance.matches("(a)\\\\1")')).toBe(
      'matches("(a)\\1"): Backreferences (\\1) are not supported: patterns run in linear time',
    );
    expect(expressionProblem('utterance.matches("^book(?!ing)")')).toMatch(/Negative lookahead/);
    expect(expressionProblem('utterance.matches("^(a+)+$")')).toBeNull();
  });

  it("fails a dynamic pattern RE2 cannot run at run time, naming matches as written", () => {
    const dynamic = compileExpression("utterance.matches(pattern)");
    expect(() => dynamic.evaluate(scope({ pattern: "(?<=x)y" }, "xy"))).toThrow(ExpressionError);
    expect(() => dynamic.evaluate(scope({ pattern: "(?<=x)y" }, "xy"))).toThrow(/Lookbehind/);
    expect(dynamic.evaluate(scope({ pattern: "^x" }, "xy"))).toBe(true);
    expect(() => compileExpression("count.matches('x')").evaluate(scope({ count: 1 }))).toThrow(/'int\.matches\(string\)'/);
  });

  it("draws from the turn's allowance, and names the turn once it runs out", () => {
    const at = scope();
    // 25³ = 15,625 iterations of 11 steps: ~172,000 steps a run, under the limit of one expression.
    const L25 = list(25);
    const heavy = compileExpression(`${L25}.all(a, ${L25}.all(b, ${L25}.all(c, a + b + c >= 0)))`);
    heavy.evaluate(at);
    const perRun = EVALUATION_LIMITS.stepsPerTurn - (at.budget?.steps ?? 0);
    expect(perRun).toBeGreaterThan(150_000);
    expect(perRun).toBeLessThan(EVALUATION_LIMITS.stepsPerEvaluation);
    let runs = 1;
    const limit = limitOf(() => {
      for (; runs < 100; runs += 1) heavy.evaluate(at);
    });
    expect(limit).toBe("turnSteps");
    expect(runs).toBe(Math.floor(EVALUATION_LIMITS.stepsPerTurn / perRun));
    expect(at.budget?.steps).toBe(0);
  });

  it("keeps metering after the first evaluation has type-checked and resolved every node", () => {
    const nested = compileExpression(NESTED_ALL);
    for (let run = 0; run < 3; run += 1) expect(limitOf(() => nested.evaluate(scope()))).toBe("evaluationSteps");
    const doubling = compileExpression("s + s");
    expect(doubling.evaluate(scope({ s: "ab" }))).toBe("abab");
    expect(limitOf(() => doubling.evaluate(scope({ s: "q".repeat(40_000) })))).toBe("valueSize");
  });

  it("does not let an error-absorbing || or all() hide a limit", () => {
    expect(stopsAt(`${NESTED_ALL} || true`).limit).toBe("evaluationSteps");
    expect(stopsAt(`true || ${NESTED_ALL}`).limit).toBeNull();
    expect(stopsAt(`[1, 2].exists(x, x == 2 || ${NESTED_ALL})`).limit).toBe("evaluationSteps");
  });

  it("leaves ordinary expressions alone", () => {
    const at = scope({ count: 2, tags: ["a", "b"], user: { name: "Ada" } }, "I want to book");
    expect(compileExpression("count + 1").evaluate(at)).toBe(3);
    expect(compileExpression('tags.map(t, t + "!")').evaluate(at)).toEqual(["a!", "b!"]);
    expect(compileExpression('utterance.matches("(?i)\\\\bBOOK\\\\b")').evaluate(at)).toBe(true);
    expect(compileExpression("{'n': user.name, 'l': tags + tags}").evaluate(at)).toEqual({ n: "Ada", l: ["a", "b", "a", "b"] });
    expect(compileExpression("cel.bind(x, count * 2, x + x)").evaluate(at)).toBe(8);
  });
});
