import { describe, expect, it } from "vitest";
import { complete, expressionContext, matching, templateContext } from "./variable-completion";

describe("variable completion", () => {
  it("knows when a template is at a {{name", () => {
    expect(templateContext("Hi {{na", 7)).toEqual({ prefix: "na", start: 5 });
    expect(templateContext("Hi {{ ", 6)).toEqual({ prefix: "", start: 6 });
    expect(templateContext("Hi {{name}} and", 15)).toBeNull();
  });

  it("knows when an expression is at a variable, but not at a field or in a string", () => {
    expect(expressionContext("cou", 3)).toEqual({ prefix: "cou", start: 0 });
    expect(expressionContext("count + na", 10)).toEqual({ prefix: "na", start: 8 });
    expect(expressionContext("user.na", 7)).toBeNull();
    expect(expressionContext('"hello na', 9)).toBeNull();
  });

  it("inserts the name, closing the braces of a template only when they are not there yet", () => {
    expect(complete("Hi {{na", 7, { prefix: "na", start: 5 }, "name", "template")).toEqual({ text: "Hi {{name}}", caret: 11 });
    expect(complete("Hi {{na}}!", 7, { prefix: "na", start: 5 }, "name", "template")).toEqual({ text: "Hi {{name}}!", caret: 9 });
    expect(complete("count + na", 10, { prefix: "na", start: 8 }, "name", "expression")).toEqual({ text: "count + name", caret: 12 });
  });

  it("offers names that start with the prefix, in the order given", () => {
    expect(matching(["name", "slot", "nickname", "Name2"], "n")).toEqual(["name", "nickname", "Name2"]);
    expect(matching(["name"], "name")).toEqual([]);
  });
});
