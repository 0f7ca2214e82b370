import { describe, expect, it } from "vitest";
import { valueSize } from "./value-size";

describe("value sizes", () => {
  it("count characters, one per scalar, and one plus the parts of a list or map", () => {
    expect(valueSize("hello", 100)).toBe(5);
    expect(valueSize(42, 100)).toBe(1);
    expect(valueSize(null, 100)).toBe(1);
    expect(valueSize(["ab", 1, [true]], 100)).toBe(1 + 2 + 1 + 2);
    expect(valueSize({ name: "Ada", n: 1 }, 100)).toBe(1 + 4 + 3 + 1 + 1);
    expect(valueSize(new Map([["key", "value"]]), 100)).toBe(1 + 3 + 5);
    expect(valueSize(new Uint8Array(7), 100)).toBe(7);
  });

  it("count a shared part every time it appears, walking it once", () => {
    let value: unknown[] = ["x".repeat(10)];
    for (let level = 0; level < 40; level += 1) value = [value, value];
    // 2⁴⁰ copies of the string: far past any cap, found without walking them all.
    const started = performance.now();
    expect(valueSize(value, 65_536)).toBeGreaterThan(65_536);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("stop walking as soon as the cap is passed", () => {
    const long = Array.from({ length: 1_000_000 }, () => "abc");
    expect(valueSize(long, 1000)).toBeGreaterThan(1000);
    expect(valueSize(long, 1000)).toBeLessThan(1010);
  });
});
