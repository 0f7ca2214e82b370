import type { Database } from "../db/prisma-client";
import type { FlowGraph } from "../flow/schema";
import { flowRecordSelect, graphJson, toFlowRecord, type FlowRecord } from "../flows/flow-record";

/** A flow as co-editing opens it: its draft, and the document it was last co-edited in, if any. */
export interface CollabStart {
  flow: FlowRecord;
  /** The stored document (one merged Yjs update) and the flow revision it matches. */
  stored: { state: Uint8Array; revision: number; generation: string } | null;
}

/** The live flow and its stored document; null when there is no such live flow. */
export async function loadCollabStart(db: Database, flowId: string): Promise<CollabStart | null> {
  const row = await db.flow.findFirst({
    where: { id: flowId, deletedAt: null },
    select: { ...flowRecordSelect, collab: { select: { state: true, revision: true, generation: true } } },
  });
  if (!row) return null;
  const { collab, ...flow } = row;
  return { flow: toFlowRecord(flow), stored: collab ? { ...collab, state: new Uint8Array(collab.state) } : null };
}

/** The flow as stored now (after a save over HTTP); null once it is deleted. */
export async function loadFlow(db: Database, flowId: string): Promise<FlowRecord | null> {
  const row = await db.flow.findFirst({ where: { id: flowId, deletedAt: null }, select: flowRecordSelect });
  return row ? toFlowRecord(row) : null;
}

export type StoreOutcome = { kind: "stored"; revision: number } | { kind: "conflict" } | { kind: "gone" };

/**
 * Saves the co-edited draft and its document together, if the flow is still at `basedOn` (nobody saved it over HTTP
 * in between); the document row is rewritten whole, so it never grows beyond the merged state (compaction).
 */
export async function storeCollab(
  db: Database,
  save: { flowId: string; basedOn: number; name: string; graph: FlowGraph; state: Uint8Array; generation: string },
): Promise<StoreOutcome> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.flow.updateMany({
      where: { id: save.flowId, deletedAt: null, revision: save.basedOn },
      data: { name: save.name, graph: graphJson(save.graph), revision: { increment: 1 } },
    });
    if (count === 0) {
      const exists = await tx.flow.findFirst({ where: { id: save.flowId, deletedAt: null }, select: { id: true } });
      return { kind: exists ? "conflict" : "gone" } as const;
    }
    const revision = save.basedOn + 1;
    const state = Buffer.from(save.state) as Uint8Array<ArrayBuffer>;
    await tx.flowCollabState.upsert({
      where: { flowId: save.flowId },
      create: { flowId: save.flowId, state, revision, generation: save.generation },
      update: { state, revision, generation: save.generation },
    });
    return { kind: "stored", revision } as const;
  });
}
