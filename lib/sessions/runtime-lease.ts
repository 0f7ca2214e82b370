import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Database } from "../db/prisma-client";

/** What a session closed for a dead runtime process says. */
export const LOST_REASON = "lost";
export const LOST_MESSAGE = "The runtime process serving this call stopped (it crashed or was killed), and the call was lost";

export interface RuntimeLeaseOptions {
  /** How long a lease lasts without renewal; another process closes the holder's sessions once it has passed. */
  ttlMs?: number;
  /** How often the holder renews it, and sweeps the leases of others. */
  renewEveryMs?: number;
  /**
   * Whether this process is the database's only user (the embedded database): then every lease found at start is a
   * dead process's, and its sessions are closed at once instead of when its lease expires.
   */
  exclusive?: boolean;
  log?: (line: string) => void;
}

/** This process's lease; `release()` removes it (a clean shutdown, once its sessions have ended). */
export interface RuntimeLease {
  readonly runtimeId: string;
  /** Closes the sessions of processes whose lease expired; resolves with how many. */
  sweep(): Promise<number>;
  /** Whether the lease of `runtimeId` is current (its process is alive, as far as anyone can tell). */
  isAlive(runtimeId: string): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Takes a lease for this runtime process and keeps it renewed: each of its sessions names it (Session.runtimeId), so
 * when the process dies (kill -9, a crash, a lost machine) the lease expires and the next sweep of any process closes
 * those sessions with reason `lost` and the time the process was last seen. Renewal failures (the database is away)
 * are logged once, and the renewal after them says so.
 */
export async function holdRuntimeLease(db: Database, options: RuntimeLeaseOptions = {}): Promise<RuntimeLease> {
  const ttlMs = options.ttlMs ?? 15_000;
  const renewEveryMs = options.renewEveryMs ?? 3000;
  const log = options.log ?? ((line: string) => console.log(`[runtime] ${line}`));
  const runtimeId = randomUUID();
  const startedAt = new Date();

  const sweep = async (): Promise<number> => {
    // A session whose process has no current lease is lost: its lease expired (deleted here first), was never taken
    // (a session recorded before leases existed), or was removed by a clean shutdown that could not end it.
    const [, closed] = await db.$transaction([
      db.$executeRaw`DELETE FROM "RuntimeLease" WHERE "expiresAt" < now()`,
      db.$executeRaw`UPDATE "Session" AS s
        SET "status" = 'ended', "endReason" = ${LOST_REASON}, "endMessage" = ${LOST_MESSAGE},
            "endedAt" = COALESCE((SELECT max(c."at") FROM "SessionEventChunk" AS c WHERE c."sessionId" = s."id"), s."startedAt")
        WHERE s."status" = 'live' AND NOT EXISTS (SELECT 1 FROM "RuntimeLease" AS l WHERE l."id" = s."runtimeId")`,
    ]);
    return closed;
  };

  if (options.exclusive) await db.$executeRaw`DELETE FROM "RuntimeLease"`;
  const write = () =>
    db.$executeRaw`INSERT INTO "RuntimeLease" ("id", "host", "pid", "startedAt", "renewedAt", "expiresAt")
      VALUES (${runtimeId}, ${os.hostname()}, ${process.pid}, ${startedAt}, now(), now() + ${ttlMs} * interval '1 millisecond')
      ON CONFLICT ("id") DO UPDATE SET "renewedAt" = now(), "expiresAt" = EXCLUDED."expiresAt"`;
  await write();
  const lostAtStart = await sweep();
  if (lostAtStart > 0) log(`closed ${lostAtStart} session(s) of a runtime process that stopped without ending them (reason "lost")`);

  let failing = false;
  let released = false;
  const renew = async () => {
    try {
      const renewed = await db.$executeRaw`UPDATE "RuntimeLease" SET "renewedAt" = now(),
          "expiresAt" = now() + ${ttlMs} * interval '1 millisecond' WHERE "id" = ${runtimeId}`;
      if (renewed === 0 && !released) {
        await write();
        log("this process's runtime lease had expired (the database was out of reach too long) and was taken again");
      }
      const lost = await sweep();
      if (lost > 0) log(`closed ${lost} session(s) of runtime processes whose lease expired (reason "lost")`);
      if (failing) log("the runtime lease is renewed again");
      failing = false;
    } catch (error) {
      if (!failing) log(`cannot renew the runtime lease (retrying every ${renewEveryMs / 1000} s): ${firstLine(error)}`);
      failing = true;
    }
  };
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing.then(renew);
  }, renewEveryMs);
  // The lease never keeps the process alive by itself.
  timer.unref();

  return {
    runtimeId,
    sweep,
    async isAlive(other) {
      const rows = await db.$queryRaw<
        Array<{ alive: boolean }>
      >`SELECT "expiresAt" >= now() AS alive FROM "RuntimeLease" WHERE "id" = ${other}`;
      return rows[0]?.alive === true;
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await renewing;
      await db.$executeRaw`DELETE FROM "RuntimeLease" WHERE "id" = ${runtimeId}`;
    },
  };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().split("\n").at(-1) ?? message;
}
