import type { FlowSummary } from "@/lib/client/api-types";

/** How the flow list can be ordered. */
export type FlowOrder = "edited" | "name" | "created" | "size";

export const flowOrderLabels: Record<FlowOrder, string> = {
  edited: "Last edited",
  name: "Name (A to Z)",
  created: "Newest first",
  size: "Most nodes",
};

const byName = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** The flows whose name contains every word of the query (any case), in the chosen order. */
export function visibleFlows(flows: readonly FlowSummary[], query: string, order: FlowOrder): FlowSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found = flows.filter((flow) => words.every((word) => flow.name.toLowerCase().includes(word)));
  const time = (value: string) => new Date(value).getTime();
  const compare: Record<FlowOrder, (a: FlowSummary, b: FlowSummary) => number> = {
    edited: (a, b) => time(b.updatedAt) - time(a.updatedAt),
    name: (a, b) => byName.compare(a.name, b.name),
    created: (a, b) => time(b.createdAt) - time(a.createdAt),
    size: (a, b) => b.nodeCount - a.nodeCount || byName.compare(a.name, b.name),
  };
  return [...found].sort(compare[order]);
}
