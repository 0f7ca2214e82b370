import { describe, expect, it } from "vitest";
import { safeNextPath, signInPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site", () => {
    expect(safeNextPath("/flows/abc?tab=history")).toBe("/flows/abc?tab=history");
    expect(safeNextPath(["/flows/a", "/flows/b"])).toBe("/flows/a");
  });

  it.each([undefined, "", "https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/\nLocation: x"])(
    "sends %j home",
    (value) => {
      expect(safeNextPath(value)).toBe("/");
    },
  );

  it("round-trips through the sign-in address", () => {
    const path = "/flows/a b?x=1&y=2";
    const next = new URL(signInPath(path), "http://localhost").searchParams.get("next") ?? undefined;
    expect(safeNextPath(next)).toBe(path);
    expect(signInPath("/")).toBe("/sign-in");
  });
});
