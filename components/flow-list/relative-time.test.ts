import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time";

const now = Date.parse("2026-01-10T12:00:00Z");

describe("relativeTime", () => {
  it("says just now for the last few seconds", () => {
    expect(relativeTime("2026-01-10T11:59:50Z", now)).toBe("just now");
  });
  it("counts minutes, hours and days", () => {
    expect(relativeTime("2026-01-10T11:55:00Z", now)).toBe("5 minutes ago");
    expect(relativeTime("2026-01-10T09:00:00Z", now)).toBe("3 hours ago");
    expect(relativeTime("2026-01-09T12:00:00Z", now)).toBe("yesterday");
  });
  it("returns nothing for a date it cannot read", () => {
    expect(relativeTime("not a date", now)).toBe("");
  });
});
