import { describe, expect, it } from "vitest";
import { compileExpression, ExpressionError, expressionProblem } from "./cel";

const scope = { variables: { name: "Ada", count: 2, price: 2.5, tags: ["a", "b"] }, utterance: "I want to book" };

describe("CEL expressions", () => {
  it("evaluates arithmetic, strings, lists and the utterance", () => {
    expect(compileExpression("count + 1").evaluate(scope)).toBe(3);
    expect(compileExpression("price * 2.0").evaluate(scope)).toBe(5);
    expect(compileExpression('name + "!"').evaluate(scope)).toBe("Ada!");
    expect(compileExpression('"b" in tags').evaluate(scope)).toBe(true);
    expect(compileExpression('utterance.contains("book")').evaluate(scope)).toBe(true);
    expect(compileExpression("size(utterance) > 3 && count >= 2").evaluate(scope)).toBe(true);
  });

  it("sees every variable it names, wherever it names it", () => {
    const nested = {
      variables: { ...scope.variables, limit: 2, user: { name: "Ada", roles: ["admin"] }, utterance: "shadowed" },
      utterance: "hi",
    };
    expect(compileExpression("tags.map(t, t + name)").evaluate(nested)).toEqual(["aAda", "bAda"]);
    expect(compileExpression("tags.filter(t, size(tags) <= limit).size()").evaluate(nested)).toBe(2);
    expect(compileExpression('has(user.name) && "admin" in user.roles ? count : -1').evaluate(nested)).toBe(2);
    expect(compileExpression('{"n": count, "l": [price, limit]}').evaluate(nested)).toEqual({ n: 2, l: [2.5, 2] });
    expect(compileExpression("utterance").evaluate(nested)).toBe("hi");
  });

  it("reports parse errors before anything runs", () => {
    expect(expressionProblem("1 +")).toMatch(/Unexpected/);
    expect(expressionProblem("")).toBe("The expression is empty");
    expect(expressionProblem("x".repeat(3000))).toMatch(/at most/);
  });

  it("reports unknown variables as an error at run time", () => {
    expect(() => compileExpression("missing + 1").evaluate(scope)).toThrow(ExpressionError);
  });

  it("cuts an error message that quotes a big value", () => {
    const key = "k".repeat(10_000);
    const error = (() => {
      try {
        compileExpression("{'a': 1}[key]").evaluate({ variables: { key }, utterance: "" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error instanceof Error && error.message.length).toBeLessThanOrEqual(501);
  });

  describe("injection payloads are inert errors", () => {
    const payloads = [
      "this.constructor.constructor('return process')()",
      "''.constructor.constructor('return process')()",
      "name.constructor",
      "tags.constructor.constructor",
      "__proto__",
      "name.__proto__",
      "tags['__proto__']['polluted']",
      "{'__proto__': {'polluted': true}}.polluted",
      "process.exit(1)",
      "require('child_process')",
      "globalThis",
      "import('fs')",
      "[1,2,3].map(x, x.constructor)",
    ];
    it.each(payloads)("%s", (payload) => {
      let result: unknown;
      try {
        result = compileExpression(payload).evaluate(scope);
      } catch (error) {
        expect(error).toBeInstanceOf(ExpressionError);
        result = undefined;
      }
      // Whatever happens, nothing from the host leaks out and nothing is polluted.
      expect(typeof result === "function").toBe(false);
      expect(Object.prototype).not.toHaveProperty("polluted");
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it("never exposes host objects even when a payload evaluates", () => {
      for (const payload of payloads) {
        const value = (() => {
          try {
            return compileExpression(payload).evaluate(scope);
          } catch {
            return null;
          }
        })();
        expect(JSON.stringify(value ?? null)).not.toMatch(/process|function/i);
      }
    });
  });
});
