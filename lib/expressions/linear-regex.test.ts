import { describe, expect, it } from "vitest";
import { compileLinearRegex, linearRegexProblem } from "./linear-regex";
import { cachedLinearRegex, cachedPatternCount, matchesPatternProblem } from "./pattern-cache";
import { EVALUATION_LIMITS } from "./limits";

describe("regular expressions on RE2", () => {
  it("match ^(a+)+$ against thousands of a's and a '!' in linear time", () => {
    const regex = compileLinearRegex("^(a+)+$", "i");
    // A backtracking engine takes 7 s at 27 a's and doubles with each further one.
    const started = performance.now();
    expect(regex.test("a".repeat(27) + "!")).toBe(false);
    expect(regex.test("a".repeat(2000) + "!")).toBe(false);
    expect(regex.test("a".repeat(2000))).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("keep the flags and JavaScript spellings that flows use", () => {
    expect(compileLinearRegex("\\bbook\\b", "i").test("I want to BOOK, please")).toBe(true);
    expect(compileLinearRegex("\\bbook\\b", "").test("BOOK")).toBe(false);
    expect(compileLinearRegex("^yes$", "im").test("well\nYes\nok")).toBe(true);
    expect(compileLinearRegex("a.b", "s").test("a\nb")).toBe(true);
    expect(compileLinearRegex("a.b", "").test("a\nb")).toBe(false);
    expect(compileLinearRegex("caf\\u00e9", "u").test("café")).toBe(true);
    expect(compileLinearRegex("^\\d{3}-\\d{4}$").test("555-1234")).toBe(true);
    expect(compileLinearRegex("(?<area>\\d{3})/x").test("555/x")).toBe(true);
    expect(compileLinearRegex("[(?=]\\(?!").test("(?!")).toBe(true);
  });

  it.each([
    ["(a)\\1", "Backreferences (\\1) are not supported: patterns run in linear time"],
    ["(?<w>a)\\k<w>", "Named backreferences (\\k<…>) are not supported: patterns run in linear time"],
    ["book(?=ing)", "Lookahead (?=…) is not supported: patterns run in linear time"],
    ["book(?!ing)", "Negative lookahead (?!…) is not supported: patterns run in linear time"],
    ["(?<=re)book", "Lookbehind (?<=…) is not supported: patterns run in linear time"],
    ["(?<!re)book", "Negative lookbehind (?<!…) is not supported: patterns run in linear time"],
  ])("refuse %s, saying why", (pattern, message) => {
    expect(linearRegexProblem(pattern)).toBe(message);
  });

  it("report other syntax errors in RE2's words", () => {
    expect(linearRegexProblem("(unclosed")).toBe("This regular expression does not work: missing closing ): `(unclosed`");
    expect(linearRegexProblem("a{1001}")).toMatch(/^This regular expression does not work: invalid repeat count/);
    expect(linearRegexProblem("a++")).toMatch(/^This regular expression does not work: invalid nested repetition operator/);
    expect(linearRegexProblem("[(?=]")).toBeNull();
  });
});

describe("the cache of patterns compiled at run time", () => {
  it("keeps at most its bound of patterns, the latest used", () => {
    const first = cachedLinearRegex("^first$");
    for (let index = 0; index < EVALUATION_LIMITS.dynamicPatternCache + 10; index += 1) cachedLinearRegex(`^p${index}$`);
    expect(cachedPatternCount()).toBe(EVALUATION_LIMITS.dynamicPatternCache);
    const again = cachedLinearRegex("^p200$");
    expect(cachedLinearRegex("^p200$")).toBe(again);
    expect(cachedLinearRegex("^first$")).not.toBe(first);
  });

  it("keeps a refusal too, and refuses patterns longer than a Branch's", () => {
    expect(matchesPatternProblem("(?=x)")).toMatch(/^Lookahead/);
    expect(() => cachedLinearRegex("(?=x)")).toThrow(/Lookahead/);
    expect(matchesPatternProblem("a".repeat(EVALUATION_LIMITS.maxDynamicPatternLength + 1))).toBe("Patterns are at most 1,000 characters");
  });
});
