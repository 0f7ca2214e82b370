import { describe, expect, it } from "vitest";
import { normalizeForMatching, compilePhrases } from "./phrases";
import { compileTemplate } from "./template";

describe("templates", () => {
  it("inserts variables and leaves missing ones empty", () => {
    const template = compileTemplate("Hi {{ name }}, {{count}} left{{missing}}.");
    expect(template.variables).toEqual(["name", "count", "missing"]);
    expect(template.render({ name: "Ada", count: 3 })).toBe("Hi Ada, 3 left.");
  });

  it("stops rendering as soon as the text would pass a length", () => {
    const template = compileTemplate("{{big}}{{big}}{{big}}");
    expect(template.renderWithin({ big: "x".repeat(10) }, 30)).toBe("x".repeat(30));
    expect(template.renderWithin({ big: "x".repeat(11) }, 30)).toBeNull();
    expect(compileTemplate("static text").renderWithin({}, 5)).toBeNull();
    expect(compileTemplate("static").renderWithin({}, 6)).toBe("static");
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
