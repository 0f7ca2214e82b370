import type { Database } from "../db/prisma-client";
import type { Prisma } from "../generated/prisma/client";

/** What happened to a flow, as its history says it. */
export type FlowChangeKind = "created" | "edited" | "renamed" | "published" | "moved" | "deleted";

/** One line of a flow's history (docs/api.md `FlowChange`). */
export interface FlowChangeRecord {
  id: string;
  kind: FlowChangeKind;
  /** Who, by name; null once they are gone. */
  actor: { id: string; name: string } | null;
  detail: Prisma.JsonValue;
  /** How many changes the line stands for (a run of saves), from firstAt to at. */
  count: number;
  firstAt: Date;
  at: Date;
}

/**
 * Saves by one person within this long of their last one join that line: the editor saves a moment after every edit,
 * and a history of single keystrokes says nothing.
 */
export const EDIT_RUN_MS = 10 * 60 * 1000;
const HISTORY_LIMIT = 200;

/** Adds a line to a flow's history; an edit right after the same person's last edit extends that line instead. */
export async function recordFlowChange(
  db: Database,
  change: { flowId: string; actorId: string; kind: FlowChangeKind; detail?: Prisma.InputJsonValue },
  now = new Date(),
): Promise<void> {
  if (change.kind === "edited") {
    const latest = await db.flowChange.findFirst({
      where: { flowId: change.flowId },
      orderBy: { at: "desc" },
      select: { id: true, kind: true, actorId: true, at: true },
    });
    if (latest && latest.kind === "edited" && latest.actorId === change.actorId && now.getTime() - latest.at.getTime() < EDIT_RUN_MS) {
      await db.flowChange.update({ where: { id: latest.id }, data: { at: now, count: { increment: 1 } } });
      return;
    }
  }
  await db.flowChange.create({
    data: {
      flowId: change.flowId,
      actorId: change.actorId,
      kind: change.kind,
      ...(change.detail === undefined ? {} : { detail: change.detail }),
      firstAt: now,
      at: now,
    },
  });
}

/** A flow's history, newest first (the last HISTORY_LIMIT lines); null when the workspace has no such flow. */
export async function flowHistory(db: Database, workspaceId: string, flowId: string): Promise<FlowChangeRecord[] | null> {
  const flow = await db.flow.findFirst({ where: { id: flowId, workspaceId, deletedAt: null }, select: { id: true } });
  if (!flow) return null;
  const rows = await db.flowChange.findMany({
    where: { flowId },
    orderBy: { at: "desc" },
    take: HISTORY_LIMIT,
    select: { id: true, kind: true, detail: true, count: true, firstAt: true, at: true, actor: { select: { id: true, name: true } } },
  });
  return rows.map((row) => ({ ...row, kind: row.kind as FlowChangeKind }));
}

/**
 * recordFlowChange for a change that has happened: the change stands whether or not its line is written, so a failure
 * here is logged, not answered (the caller's save, say, succeeded).
 */
export async function noteFlowChange(db: Database, change: Parameters<typeof recordFlowChange>[1]): Promise<void> {
  try {
    await recordFlowChange(db, change);
  } catch (error) {
    console.error(
      `[history] could not record that flow ${change.flowId} was ${change.kind}:`,
      error instanceof Error ? error.message : error,
    );
  }
}
