/**
 * Faults with real processes: the server, its embedded database and a runtime are killed with SIGKILL mid-call, and
 * what callers, the session log and the other processes see afterwards is checked. Each case is bounded (seconds).
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_USER, LOCAL_WORKSPACE } from "../auth/local-user";
import { issueSessionToken } from "../auth/session-token";
import { openDatabase } from "../db/database";
import { createEmptyDatabase, postgresSkipReason } from "../db/test-databases";
import { LOGGED_EVENTS_SQL } from "../testing/logged-events";
import { ServerProcessHandle } from "../testing/server-process-handle";
import { RecordingClient } from "../testing/socket-client";
import { freePort, TestRedis } from "../testing/test-redis";
import { endSessionAsOperator } from "./operator-end";
import { startServer } from "./start-server";

const SECRET = "faults-secret-faults-secret-faults-000001";
process.env.SWITCHBOARD_SECRET = SECRET;

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function stateFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), "sb-faults-"));
  chmodSync(folder, 0o755);
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function rows<T>(databaseUrl: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

const sessionRows = (databaseUrl: string, ids: string[]) =>
  rows<{ id: string; status: string; endReason: string | null; endedAt: Date | null }>(
    databaseUrl,
    `SELECT id, status, "endReason", "endedAt" FROM "Session" WHERE id = ANY($1::text[]) ORDER BY id`,
    [ids],
  );

/** A caller on the seeded sample flow, greeted and waiting at the first Listen. */
async function caller(server: ServerProcessHandle, options: { reconnection?: boolean } = {}) {
  const { token, sessionId } = await issueSessionToken(
    { sub: LOCAL_USER.id, workspaceId: LOCAL_WORKSPACE.id, flowId: server.info.flowId },
    SECRET,
  );
  const client = new RecordingClient(server.info.url, { token }, options);
  cleanups.push(() => client.close());
  await client.connected();
  await client.waitForEvent("reply");
  return { client, sessionId };
}

const postmasterPid = (state: string) =>
  Number(readFileSync(path.join(state, "postgres", "data", "postmaster.pid"), "utf8").split("\n")[0]);

describe("kill -9 of the server on the embedded database", { timeout: 90_000 }, () => {
  it("closes the calls it had as lost when it starts again, refuses a reconnect with the old token, and leaves no database behind", async () => {
    const state = stateFolder();
    const env = { SWITCHBOARD_STATE_DIR: state, DATABASE_URL: "", PORT: String(await freePort()) };
    const first = await ServerProcessHandle.start(env);
    const calls = await Promise.all([caller(first), caller(first), caller(first, { reconnection: true })]);
    const refusals: string[] = [];
    const reconnecting = calls[2]!.client;
    reconnecting.socket.on("connect_error", (error: Error & { data?: { code?: string } }) =>
      refusals.push(error.data?.code ?? error.message),
    );
    const database = postmasterPid(state);
    const killedAt = Date.now();

    first.kill("SIGKILL");
    await first.exited;
    for (const { client } of calls) await client.waitFor((event) => event.event === "disconnect");
    expect(calls.map(({ client }) => client.timeline().at(-1))).toEqual(Array(3).fill("disconnect:transport close"));
    // The parent-death signal stops the embedded PostgreSQL with its owner.
    await waitUntil(() => !isAlive(database));

    const second = await ServerProcessHandle.start(env);
    cleanups.push(() => second.kill("SIGKILL"));
    const ids = calls.map(({ sessionId }) => sessionId).sort();
    const closed = await sessionRows(second.info.databaseUrl, ids);
    expect(closed.map(({ status, endReason }) => [status, endReason])).toEqual(Array(3).fill(["ended", "lost"]));
    for (const row of closed) expect(row.endedAt!.getTime()).toBeLessThanOrEqual(killedAt + 1000);
    expect(second.log).toContain("closed 3 session(s) of a runtime process that stopped");

    // Socket.IO's client reconnects by itself to the new server with the same auth: refused, never a new call.
    await waitUntil(() => refusals.includes("token_used"));
    expect(reconnecting.received.filter((event) => event.event === "session")).toHaveLength(1);
    reconnecting.close();

    // A graceful stop ends what is live with `shutdown`, exits 0 and removes its lease.
    const last = await caller(second);
    second.kill("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(last.client.timeline().slice(-2)).toEqual(["end:shutdown", "disconnect:io server disconnect"]);
  });
});

describe("kill -9 of the embedded database", { timeout: 90_000 }, () => {
  it("restarts it, loses nothing of a call in progress, and exits with code 1 when the database keeps dying", async () => {
    const state = stateFolder();
    const server = await ServerProcessHandle.start({ SWITCHBOARD_STATE_DIR: state, DATABASE_URL: "" });
    cleanups.push(() => server.kill("SIGKILL"));
    const during = await caller(server);

    const killed = postmasterPid(state);
    process.kill(killed, "SIGKILL");
    during.client.say("yes, book me in");
    await during.client.waitFor((event) => event.event === "reply" && event.data.text.startsWith("Great"));
    await waitUntil(() => server.log.includes("PostgreSQL is back"));
    during.client.say("Ada");
    await during.client.waitForEvent("disconnect");
    expect(during.client.timeline().slice(-2)).toEqual(["end:booked", "disconnect:io server disconnect"]);

    // New calls open once it is back, and the call that spanned the crash is in the log whole.
    const after = await caller(server);
    after.client.close();
    await waitUntil(async () => (await sessionRows(server.info.databaseUrl, [during.sessionId]))[0]?.endReason === "booked");
    const events = await rows<{ type: string }>(server.info.databaseUrl, LOGGED_EVENTS_SQL, [during.sessionId]);
    expect(events.filter(({ type }) => type === "utterance")).toHaveLength(2);
    expect(events.at(0)?.type).toBe("session.started");
    expect(events.at(-1)?.type).toBe("session.ended");

    // Dying again and again: the supervisor gives up and the server exits loudly rather than answer without a database.
    const restarts = () => server.log.split("PostgreSQL is back").length - 1;
    for (let crash = 1; crash <= 3; crash++) {
      await waitUntil(() => restarts() === crash);
      process.kill(postmasterPid(state), "SIGKILL");
    }
    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(server.log).toMatch(/FATAL: the embedded database is gone and could not be restarted/);
  });
});

const postgresSkip = postgresSkipReason();
describe.skipIf(postgresSkip !== undefined)("kill -9 of one runtime process among several on PostgreSQL", { timeout: 90_000 }, () => {
  it("ends a call on another process right after it opened; after the kill, says the holder is unreachable, then closes its calls as lost", async () => {
    const empty = await createEmptyDatabase("postgres");
    cleanups.push(() => empty.close());
    const redis = new TestRedis(await freePort());
    await redis.start();
    cleanups.push(() => redis.kill());
    const leaseSeconds = 4;
    const other = await ServerProcessHandle.start({
      DATABASE_URL: empty.url,
      REDIS_URL: redis.url,
      RUNTIME_LEASE_SECONDS: String(leaseSeconds),
    });
    cleanups.push(() => other.kill("SIGKILL"));
    const open = await openDatabase({ databaseUrl: empty.url, log: () => undefined });
    const here = await startServer({
      port: 0,
      hostname: "127.0.0.1",
      withEditor: false,
      dev: false,
      redisUrl: redis.url,
      database: open,
      lease: { ttlMs: leaseSeconds * 1000, renewEveryMs: 500 },
    });
    cleanups.push(async () => {
      await here.stop();
      await open.close();
    });
    const endAsOperator = (sessionId: string) => endSessionAsOperator(open.db, here.runtime, LOCAL_USER, sessionId, undefined);

    const { token, sessionId } = await issueSessionToken(
      { sub: LOCAL_USER.id, workspaceId: LOCAL_WORKSPACE.id, flowId: other.info.flowId },
      SECRET,
    );
    const fresh = new RecordingClient(other.info.url, { token });
    await fresh.connected();
    await fresh.waitForEvent("session");
    expect(await endAsOperator(sessionId)).toEqual({ kind: "ended" });
    await fresh.waitForEvent("disconnect");
    expect(fresh.timeline().slice(-2)).toEqual(["end:operator", "disconnect:io server disconnect"]);

    const stranded = await Promise.all([caller(other), caller(other)]);
    other.kill("SIGKILL");
    await other.exited;
    const started = Date.now();
    expect(await endAsOperator(stranded[0]!.sessionId)).toMatchObject({ kind: "unreachable", message: expect.stringContaining("lost") });
    expect(Date.now() - started).toBeLessThan(4000);

    const ids = stranded.map(({ sessionId: id }) => id).sort();
    await waitUntil(async () => (await sessionRows(empty.url, ids)).every((row) => row.status === "ended"), (leaseSeconds + 5) * 1000);
    expect((await sessionRows(empty.url, ids)).map((row) => row.endReason)).toEqual(["lost", "lost"]);
    expect(await endAsOperator(stranded[1]!.sessionId)).toEqual({ kind: "gone" });
  });
});
