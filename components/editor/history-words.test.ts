import { describe, expect, it } from "vitest";
import type { FlowChange } from "@/lib/client/api-types";
import { historyWords } from "./history-words";

const change = (
  kind: FlowChange["kind"],
  detail: unknown = null,
  count = 1,
  actor: FlowChange["actor"] = { id: "a", name: "Ada" },
): FlowChange => ({
  id: "c",
  kind,
  actor,
  detail,
  count,
  firstAt: "2026-12-03T09:00:00Z",
  at: "2026-12-03T09:05:00Z",
});

describe("a flow's history in words", () => {
  it("names who did what, with what the line needs", () => {
    expect(historyWords(change("created"))).toBe("Ada created it");
    expect(historyWords(change("created", { templateId: "appointment-booking" }))).toBe("Ada created it from a template");
    expect(historyWords(change("created", { imported: true }))).toBe("Ada imported it from a file");
    expect(historyWords(change("created", { copiedFrom: "f" }))).toBe("Ada made it as a copy of another flow");
    expect(historyWords(change("edited", null, 12))).toBe("Ada edited it (12 saves)");
    expect(historyWords(change("edited"))).toBe("Ada edited it");
    expect(historyWords(change("renamed", { from: "Told", to: "Retold" }))).toBe("Ada renamed it from “Told” to “Retold”");
    expect(historyWords(change("published", { version: 3 }))).toBe("Ada published version 3");
    expect(historyWords(change("moved", { from: "Personal", to: "Support team" }))).toBe("Ada moved it from Personal to Support team");
    expect(historyWords(change("deleted", null, 1, null))).toBe("Someone no longer here deleted it");
  });
});
