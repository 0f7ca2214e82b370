import { draftGraphSchema, type FlowGraph } from "../flow/schema";
import type { Prisma } from "../generated/prisma/client";

/** A flow's draft as the API and the runtime see it. */
export interface FlowRecord {
  id: string;
  /** The workspace it belongs to. */
  workspaceId: string;
  name: string;
  revision: number;
  graph: FlowGraph;
  createdAt: Date;
  updatedAt: Date;
}

/** One line of the flow list. */
export interface FlowSummary {
  id: string;
  workspaceId: string;
  name: string;
  revision: number;
  nodeCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns a FlowRecord is read from. */
export const flowRecordSelect = {
  id: true,
  workspaceId: true,
  name: true,
  revision: true,
  graph: true,
  createdAt: true,
  updatedAt: true,
} as const;

/**
 * Parses a stored graph (a draft's may break field rules). Every write checked its shapes, so a failure means the stored
 * format moved on without a migration.
 */
export function storedGraph(value: unknown, where: string): FlowGraph {
  const parsed = draftGraphSchema.safeParse(value);
  if (!parsed.success) throw new Error(`The stored graph of ${where} does not match the flow schema: ${parsed.error.message}`);
  return parsed.data;
}

export function toFlowRecord(row: {
  id: string;
  workspaceId: string;
  name: string;
  revision: number;
  graph: Prisma.JsonValue;
  createdAt: Date;
  updatedAt: Date;
}): FlowRecord {
  return { ...row, graph: storedGraph(row.graph, `flow ${row.id}`) };
}

/** A graph as a Prisma JSON value. */
export function graphJson(graph: FlowGraph): Prisma.InputJsonObject {
  return graph;
}
