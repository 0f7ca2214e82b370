import { randomUUID } from "node:crypto";
import { LOCAL_SCOPE } from "../testing/local-access";
import { loggedEventCount } from "../testing/logged-events";
import { expect, it } from "vitest";
import { LOCAL_USER } from "../auth/local-user";
import { describeEachDatabase } from "../db/test-databases";
import { RuntimeEvents } from "../runtime/session-events";
import { getSession } from "./session-queries";
import { createSessionRecorder } from "./session-recorder";
import { sessionWriterThread } from "./session-writer-thread";
import { toBatch } from "./session-writes";

describeEachDatabase("session recorder writing from a worker thread", (current) => {
  it("writes sessions, their events in order and their ends, as the in-process writer does", async () => {
    const { db, url } = current();
    const recorder = createSessionRecorder(db, { writer: sessionWriterThread(url) });
    const events = new RuntimeEvents((error) => {
      throw error;
    });
    events.subscribe(recorder.listener);
    const at = Date.parse("2026-01-01T10:00:00.000Z");
    const ids = Array.from({ length: 300 }, () => randomUUID());
    for (const id of ids) {
      const source = { kind: "version", flowId: "flow-t", versionId: "v-7", version: 7 } as const;
      events.publish(id, {
        type: "session.started",
        meta: { sessionId: id, source, transport: "memory", userId: LOCAL_USER.id },
        seq: 1,
        at,
      });
    }
    for (let seq = 2; seq <= 4; seq++)
      for (const id of ids) events.publish(id, { type: "utterance", text: `say ${seq}\u0000`, seq, at: at + seq });
    for (const id of ids) events.publish(id, { type: "session.ended", reason: "completed", message: "done", seq: 5, at: at + 5 });
    await recorder.close();
    expect(recorder.pending).toBe(0);

    const stored = await getSession(db, LOCAL_SCOPE, ids[299]!);
    expect(stored?.session).toMatchObject({
      status: "ended",
      endReason: "completed",
      endMessage: "done",
      source: { kind: "version", flowId: "flow-t", versionId: "v-7", version: 7 },
    });
    expect(stored?.session.endedAt?.toISOString()).toBe("2026-01-01T10:00:00.005Z");
    expect(stored?.events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(stored?.events[1]?.data).toEqual({ type: "utterance", text: "say 2\uFFFD" });
    expect(await loggedEventCount(db, ids)).toBe(1500);
  });

  it("writes a batch again without error or duplicates (a retry after a lost acknowledgement)", async () => {
    const { db, url } = current();
    const writer = sessionWriterThread(url);
    const id = randomUUID();
    const at = Date.now();
    const batch = toBatch([
      { kind: "session", row: { id, sourceKind: "code", sourceName: "twice", transport: "memory", startedAt: at } },
      { kind: "event", sessionId: id, event: { type: "utterance", text: "hi", seq: 1, at } },
      { kind: "end", sessionId: id, endedAt: at + 1, reason: "completed", message: null },
    ]);
    try {
      await writer.write(batch);
      await writer.write(batch);
    } finally {
      await writer.close();
    }
    expect(await loggedEventCount(db, [id])).toBe(1);
    expect(await db.session.findUnique({ where: { id } })).toMatchObject({ status: "ended", endReason: "completed" });
  });

  it("keeps writes for a database that does not answer, without throwing into the runtime, and gives them up only at a bounded close", async () => {
    const { db } = current();
    const logged: string[] = [];
    const writer = sessionWriterThread("postgresql://nobody:nothing@127.0.0.1:1/none?connect_timeout=1");
    const recorder = createSessionRecorder(db, { writer, maxAttempts: 2, retryDelayMs: 1, log: (message) => logged.push(message) });
    recorder.listener(randomUUID(), { type: "utterance", text: "kept", seq: 1, at: Date.now() });
    for (let waited = 0; !logged.some((line) => line.includes("not answering")) && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(recorder.pending).toBe(2);
    expect(logged.filter((line) => line.includes("not answering"))).toHaveLength(1);
    await recorder.close({ timeoutMs: 200 });
    expect(logged.at(-1)).toMatch(/giving up on 2 session writes at shutdown/);
  });
});
