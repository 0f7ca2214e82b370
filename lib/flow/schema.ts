import { z } from "zod";
import { branchDataSchema } from "./nodes/branch";
import { endDataSchema } from "./nodes/end";
import { listenDataSchema } from "./nodes/listen";
import { sayDataSchema } from "./nodes/say";
import { setDataSchema } from "./nodes/set";
import { startDataSchema } from "./nodes/start";
import { flowNameSchema, storableText } from "./text";

/** Current version of the stored graph format; bumped with a migration of stored flows. */
export const FLOW_SCHEMA_VERSION = 1;
/** Upper bounds that keep a hostile or runaway document from exhausting the server. */
export const FLOW_LIMITS = { maxNodes: 5000, maxEdges: 10000 } as const;

const idSchema = z
  .string()
  .min(1, "Ids cannot be empty")
  .max(100, "Ids are at most 100 characters")
  .regex(/^[A-Za-z0-9_.:-]+$/, "Ids use letters, digits and _ . : -");

export const positionSchema = z.strictObject({
  x: z.number().finite(),
  y: z.number().finite(),
});

function nodeOf<Kind extends string, Data extends z.ZodType>(kind: Kind, data: Data) {
  return z.strictObject({ id: idSchema, kind: z.literal(kind), position: positionSchema, data });
}

export const startNodeSchema = nodeOf("start", startDataSchema);
export const listenNodeSchema = nodeOf("listen", listenDataSchema);
export const branchNodeSchema = nodeOf("branch", branchDataSchema);
export const sayNodeSchema = nodeOf("say", sayDataSchema);
export const setNodeSchema = nodeOf("set", setDataSchema);
export const endNodeSchema = nodeOf("end", endDataSchema);

export const flowNodeSchema = z.discriminatedUnion("kind", [
  startNodeSchema,
  listenNodeSchema,
  branchNodeSchema,
  sayNodeSchema,
  setNodeSchema,
  endNodeSchema,
]);

export const flowEdgeSchema = z.strictObject({
  id: idSchema,
  source: idSchema,
  /** Output port of the source node (e.g. `next`, `heard`, a condition id, `else`). */
  sourcePort: storableText(z.string().min(1).max(100)),
  target: idSchema,
});

export const flowGraphSchema = z.strictObject({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  nodes: z.array(flowNodeSchema).max(FLOW_LIMITS.maxNodes, `At most ${FLOW_LIMITS.maxNodes} nodes`),
  edges: z.array(flowEdgeSchema).max(FLOW_LIMITS.maxEdges, `At most ${FLOW_LIMITS.maxEdges} edges`),
});

/** The file people export and import: a graph with its name. */
export const flowDocumentSchema = z.strictObject({
  format: z.literal("switchboard.flow"),
  name: flowNameSchema,
  graph: flowGraphSchema,
});

export type Position = z.infer<typeof positionSchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowEdge = z.infer<typeof flowEdgeSchema>;
export type FlowGraph = z.infer<typeof flowGraphSchema>;
export type FlowDocument = z.infer<typeof flowDocumentSchema>;
export type StartFlowNode = z.infer<typeof startNodeSchema>;
export type ListenFlowNode = z.infer<typeof listenNodeSchema>;
export type BranchFlowNode = z.infer<typeof branchNodeSchema>;
export type SayFlowNode = z.infer<typeof sayNodeSchema>;
export type SetFlowNode = z.infer<typeof setNodeSchema>;
export type EndFlowNode = z.infer<typeof endNodeSchema>;
/** The node of a given kind. */
export type FlowNodeOf<Kind extends FlowNode["kind"]> = Extract<FlowNode, { kind: Kind }>;

/** A graph with nothing in it yet, for a blank flow. */
export function emptyGraph(): FlowGraph {
  return { schemaVersion: FLOW_SCHEMA_VERSION, nodes: [], edges: [] };
}
