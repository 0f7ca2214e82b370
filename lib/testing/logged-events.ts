import type { Database } from "../db/prisma-client";

/** The SQL that lists a session's logged events in seq order, for tests that read the database with pg: `$1` is its id. */
export const LOGGED_EVENTS_SQL = `SELECT event ->> 'type' AS type, (event ->> 'seq')::int AS seq
  FROM "SessionEventChunk" AS c, json_array_elements(c."events") WITH ORDINALITY AS e(event, place)
  WHERE c."sessionId" = $1 ORDER BY c."firstSeq", e.place`;

/** How many events the log holds for each of these sessions, and the highest seq among them (sessions with none: absent). */
export async function loggedEventCounts(db: Database, sessionIds: string[]): Promise<Map<string, { count: number; maxSeq: number }>> {
  const rows = await db.$queryRaw<Array<{ sessionId: string; count: number; maxSeq: number }>>`
    SELECT "sessionId", sum(json_array_length("events"))::int AS count, max("lastSeq") AS "maxSeq"
    FROM "SessionEventChunk" WHERE "sessionId" = ANY(${sessionIds}) GROUP BY "sessionId"`;
  return new Map(rows.map(({ sessionId, count, maxSeq }) => [sessionId, { count, maxSeq }]));
}

/** How many events the log holds for these sessions in all. */
export async function loggedEventCount(db: Database, sessionIds: string[]): Promise<number> {
  let total = 0;
  for (const { count } of (await loggedEventCounts(db, sessionIds)).values()) total += count;
  return total;
}
