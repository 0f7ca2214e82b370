import { describe, expect, it } from "vitest";
import { normalizeForMatching, compilePhrases } from "./phrases";
import { compileTemplate } from "./template";

describe("templates", () => {
  it("inserts variables and leaves missing ones empty", () => {
    const template = compileTemplate("Hi {{ name }}, {{count}} left{{missing}}.");
    expect(template.variables).toEqual(["name", "count", "missing"]);
    expect(template.render({ name: "Ada", count: 3 })).toBe("Hi Ada, 3 left.");
  });

  it("does not evaluate anything inside braces", () => {
    expect(compileTemplate("{{constructor.constructor('x')()}}").render({})).toBe("{{constructor.constructor('x')()}}");
  });
});

describe("phrase matching", () => {
  it("ignores case and punctuation and matches whole words", () => {
    const matches = compilePhrases(["book", "make an appointment"]);
    expect(matches(normalizeForMatching("I want to BOOK!"))).toBe(true);
    expect(matches(normalizeForMatching("Could I make an appointment, please?"))).toBe(true);
    expect(matches(normalizeForMatching("my notebook"))).toBe(false);
    expect(matches(normalizeForMatching(""))).toBe(false);
  });
});
