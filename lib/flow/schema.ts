import { z } from "zod";
import { shapesOnly, withRules, type FieldRules } from "./field-rules";
import { branchData } from "./nodes/branch";
import { endData } from "./nodes/end";
import { listenData } from "./nodes/listen";
import { sayData } from "./nodes/say";
import { setData } from "./nodes/set";
import { startData } from "./nodes/start";
import { flowNameSchema, storableText } from "./text";
import { flowVoiceSettings } from "./voice-settings";

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
  // The title names each kind's branch of the union in the published JSON Schema (json-schema.ts).
  return z.strictObject({ id: idSchema, kind: z.literal(kind), position: positionSchema, data }).meta({ title: `${kind} node` });
}

/** The graph's schemas, with node data built with or without field rules (field-rules.ts). */
function graphSchemas(rule: FieldRules) {
  const kinds = {
    start: nodeOf("start", startData(rule)),
    listen: nodeOf("listen", listenData(rule)),
    branch: nodeOf("branch", branchData(rule)),
    say: nodeOf("say", sayData(rule)),
    set: nodeOf("set", setData(rule)),
    end: nodeOf("end", endData(rule)),
  };
  const node = z.discriminatedUnion("kind", [kinds.start, kinds.listen, kinds.branch, kinds.say, kinds.set, kinds.end]);
  const graph = z.strictObject({
    schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
    nodes: z.array(node).max(FLOW_LIMITS.maxNodes, `At most ${FLOW_LIMITS.maxNodes} nodes`),
    edges: z.array(flowEdgeSchema).max(FLOW_LIMITS.maxEdges, `At most ${FLOW_LIMITS.maxEdges} edges`),
    /** How a voice call of this flow hears and speaks when its nodes say nothing (voice-settings.ts). */
    voice: flowVoiceSettings(rule).optional(),
  });
  /** The file people export and import: a graph with its name. */
  const document = z.strictObject({
    format: z.literal("switchboard.flow"),
    name: flowNameSchema,
    graph,
  });
  return { kinds, node, graph, document };
}

export const flowEdgeSchema = z.strictObject({
  id: idSchema,
  source: idSchema,
  /** Output port of the source node (e.g. `next`, `heard`, a condition id, `else`). */
  sourcePort: storableText(z.string().min(1).max(100)),
  target: idSchema,
});

/** The flow model: what a flow must be to run (and to be published). */
const runnable = graphSchemas(withRules);
/**
 * What a draft may be to be stored, imported and exported: the same shapes without field rules, so one invalid field
 * (a variable named `my var!`) is a problem shown on its node, not a refused save.
 */
const draft = graphSchemas(shapesOnly);

export const startNodeSchema = runnable.kinds.start;
export const listenNodeSchema = runnable.kinds.listen;
export const branchNodeSchema = runnable.kinds.branch;
export const sayNodeSchema = runnable.kinds.say;
export const setNodeSchema = runnable.kinds.set;
export const endNodeSchema = runnable.kinds.end;
export const flowNodeSchema = runnable.node;
export const flowGraphSchema = runnable.graph;
export const flowDocumentSchema = runnable.document;

/** A node as a draft may hold it (the shapes of flowNodeSchema, without its field rules). */
export const draftNodeSchema = draft.node;
/** A graph as a draft may hold it: what PUT /api/flows/{id} stores. */
export const draftGraphSchema = draft.graph;
/** A file as import accepts it: any draft the editor can save. */
export const draftDocumentSchema = draft.document;

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
