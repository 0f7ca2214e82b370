import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { LOCAL_USER } from "../auth/local-user";
import { describeEachDatabase } from "../db/test-databases";
import type { Database } from "../db/prisma-client";
import { holdRuntimeLease, LOST_MESSAGE } from "./runtime-lease";

/** A live session's row, held by the runtime process `runtimeId`, as its claim at the handshake writes it. */
async function liveSession(db: Database, runtimeId: string, id: string): Promise<void> {
  await db.session.create({
    data: {
      id,
      sourceKind: "draft",
      flowId: "flow-1",
      draftRevision: 1,
      transport: "socketio",
      userId: LOCAL_USER.id,
      startedAt: new Date(),
      runtimeId,
    },
  });
}

async function status(db: Database, id: string) {
  return db.session.findUniqueOrThrow({ where: { id }, select: { status: true, endReason: true, endMessage: true, endedAt: true } });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase("runtime leases", (current) => {
  it("keeps its own lease renewed and removes it on release", async () => {
    const { db } = current();
    const lease = await holdRuntimeLease(db, { ttlMs: 1000, renewEveryMs: 100, log: () => undefined });
    const first = await db.runtimeLease.findUniqueOrThrow({ where: { id: lease.runtimeId } });
    await sleep(350);
    const later = await db.runtimeLease.findUniqueOrThrow({ where: { id: lease.runtimeId } });
    expect(later.expiresAt.getTime()).toBeGreaterThan(first.expiresAt.getTime());
    expect(await lease.isAlive(lease.runtimeId)).toBe(true);
    await lease.release();
    expect(await db.runtimeLease.findUnique({ where: { id: lease.runtimeId } })).toBeNull();
    expect(await lease.isAlive(lease.runtimeId)).toBe(false);
  });

  it("closes the sessions of a process whose lease expired as lost, at their last event, and leaves a live process's alone", async () => {
    const { db } = current();
    const dead = await holdRuntimeLease(db, { ttlMs: 300, renewEveryMs: 60_000, log: () => undefined });
    const alive = await holdRuntimeLease(db, { ttlMs: 60_000, renewEveryMs: 60_000, log: () => undefined });
    const orphan = randomUUID();
    const healthy = randomUUID();
    await liveSession(db, dead.runtimeId, orphan);
    await liveSession(db, alive.runtimeId, healthy);
    const lastHeard = new Date(Date.now() - 5000);
    const heard = { seq: 1, at: lastHeard.getTime(), type: "utterance", text: "hello" };
    await db.sessionEventChunk.create({ data: { sessionId: orphan, firstSeq: 1, lastSeq: 1, at: lastHeard, events: [heard] } });

    expect(await alive.sweep()).toBe(0);
    await sleep(400);
    expect(await alive.isAlive(dead.runtimeId)).toBe(false);
    expect(await alive.sweep()).toBe(1);
    expect(await status(db, orphan)).toEqual({ status: "ended", endReason: "lost", endMessage: LOST_MESSAGE, endedAt: lastHeard });
    expect((await status(db, healthy)).status).toBe("live");
    expect(await db.runtimeLease.findUnique({ where: { id: dead.runtimeId } })).toBeNull();

    // The real end, when the process was only out of reach, still wins: the recorder's end overwrites "lost".
    await db.session.update({ where: { id: orphan }, data: { endReason: "completed", endMessage: null } });
    expect((await status(db, orphan)).endReason).toBe("completed");
    await alive.release();
  });

  it("as the database's only user, closes every session left live at start at once, without waiting for leases to expire", async () => {
    const { db } = current();
    const previous = await holdRuntimeLease(db, { ttlMs: 60_000, renewEveryMs: 60_000, log: () => undefined });
    const leftOver = randomUUID();
    await liveSession(db, previous.runtimeId, leftOver);
    const lines: string[] = [];
    const next = await holdRuntimeLease(db, { exclusive: true, log: (line) => lines.push(line) });
    expect((await status(db, leftOver)).endReason).toBe("lost");
    expect(lines.join("\n")).toMatch(/closed \d+ session\(s\) of a runtime process that stopped/);
    await next.release();
  });
});
