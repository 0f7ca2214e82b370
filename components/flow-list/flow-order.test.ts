import { describe, expect, it } from "vitest";
import type { FlowSummary } from "@/lib/client/api-types";
import { visibleFlows } from "./flow-order";

const flow = (name: string, nodeCount: number, createdAt: string, updatedAt: string): FlowSummary => ({
  id: name,
  workspaceId: "local",
  name,
  revision: 1,
  nodeCount,
  createdAt,
  updatedAt,
});

const flows = [
  flow("Clinic booking", 12, "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"),
  flow("appointment reminder", 4, "2026-02-01T00:00:00Z", "2026-02-15T00:00:00Z"),
  flow("Booking desk 10", 30, "2026-01-15T00:00:00Z", "2026-01-20T00:00:00Z"),
  flow("Booking desk 9", 30, "2026-01-16T00:00:00Z", "2026-01-21T00:00:00Z"),
];

describe("the flow list's search and order", () => {
  it("finds flows by every word of the query, in any case", () => {
    expect(visibleFlows(flows, "BOOKING desk", "name").map((f) => f.name)).toEqual(["Booking desk 9", "Booking desk 10"]);
    expect(visibleFlows(flows, "nothing like it", "name")).toEqual([]);
  });

  it("orders by last edit, name, creation or size", () => {
    expect(visibleFlows(flows, "", "edited").map((f) => f.name)[0]).toBe("Clinic booking");
    expect(visibleFlows(flows, "", "name").map((f) => f.name)).toEqual([
      "appointment reminder",
      "Booking desk 9",
      "Booking desk 10",
      "Clinic booking",
    ]);
    expect(visibleFlows(flows, "", "created").map((f) => f.name)[0]).toBe("appointment reminder");
    expect(visibleFlows(flows, "", "size").map((f) => f.name)).toEqual([
      "Booking desk 9",
      "Booking desk 10",
      "Clinic booking",
      "appointment reminder",
    ]);
  });
});
