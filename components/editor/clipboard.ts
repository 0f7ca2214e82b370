import { z } from "zod";
import { draftNodeSchema, FLOW_LIMITS, flowEdgeSchema, type FlowEdge, type FlowNode } from "@/lib/flow";

/** What copy puts on the system clipboard: stored nodes and the edges between them, so paste works across flows and tabs. */
export interface NodeClipping {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const CLIPPING_FORMAT = "switchboard.nodes";

const clippingSchema = z.strictObject({
  format: z.literal(CLIPPING_FORMAT),
  nodes: z.array(draftNodeSchema).min(1).max(FLOW_LIMITS.maxNodes),
  edges: z.array(flowEdgeSchema).max(FLOW_LIMITS.maxEdges),
});

/** The clipboard text of a clipping: JSON another flow's editor (or a person) can read. */
export function clippingText(clipping: NodeClipping): string {
  return JSON.stringify({ format: CLIPPING_FORMAT, ...clipping });
}

/** Reads a clipping from clipboard text; null when the text is something else (then paste leaves it alone). */
export function parseClipping(text: string): NodeClipping | null {
  if (!text.trimStart().startsWith("{")) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = clippingSchema.safeParse(value);
  if (!parsed.success) return null;
  const ids = new Set(parsed.data.nodes.map((node) => node.id));
  return { nodes: parsed.data.nodes, edges: parsed.data.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)) };
}
