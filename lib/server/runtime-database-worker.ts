/**
 * The runtime's database thread (started by runtime-database-thread.ts): the queries of a caller connecting (the
 * flow its token names, the claim of its session row), with node-pg and prepared statements. On the event loop the
 * calls share, Prisma's per-query work (its query compiler, result mapping) and a graph's parse and validation were
 * most of what opening a session cost: ~0.5 ms of a loop that a turn needs ~0.1 ms of.
 *
 * Messages: RuntimeDatabaseRequest with an `id` → ThreadReply; `{ type: "close" }` ends the pool and the thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";
import { storedGraph } from "../flows/flow-record";
import { INSERT_SESSIONS_SQL, sessionRowParams, type SessionRow } from "../sessions/session-writes";
import { replyTo } from "../threads/request-thread";
import type { WorkspaceRole } from "../generated/prisma/enums";
import type { DraftAnswer, RoleAnswer, RuntimeDatabaseAnswer, RuntimeDatabaseRequest, VersionAnswer } from "./runtime-database-messages";

const port = parentPort;
if (!port) throw new Error("runtime-database-worker runs in a worker thread");
const { connectionString } = workerData as { connectionString: string };
// A few connections: callers connect concurrently, and one slow query must not queue the rest behind it.
const pool = new pg.Pool({ connectionString, max: 4, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5_000 });
// An idle connection the server closed (a restart, the embedded database stopping): the next query reconnects.
pool.on("error", () => undefined);

/* The graph is read only when the runtime has not compiled that revision yet: a thousand callers of one flow cost
 * one read of its graph. The workspace (the token's) and deletion are checked as the API checks them (lib/flows/flow-repository.ts). */
const DRAFT_SQL = `SELECT "revision", CASE WHEN "revision" = $3 THEN NULL ELSE "graph" END AS "graph"
  FROM "Flow" WHERE "id" = $1 AND "workspaceId" = $2 AND "deletedAt" IS NULL`;
const VERSION_SQL = `SELECT v."id", v."version", CASE WHEN $4::boolean THEN NULL ELSE v."graph" END AS "graph"
  FROM "FlowVersion" v JOIN "Flow" f ON f."id" = v."flowId"
  WHERE v."id" = $1 AND v."flowId" = $2 AND f."workspaceId" = $3 AND f."deletedAt" IS NULL`;

async function draft(workspaceId: string, flowId: string, knownRevision: number | null): Promise<DraftAnswer> {
  const { rows } = await pool.query<{ revision: number; graph: unknown }>({
    name: "runtime-draft",
    text: DRAFT_SQL,
    values: [flowId, workspaceId, knownRevision],
  });
  const row = rows[0];
  if (!row) return null;
  return row.graph === null ? { revision: row.revision } : { revision: row.revision, graph: storedGraph(row.graph, `flow ${flowId}`) };
}

async function version(workspaceId: string, flowId: string, versionId: string, graphKnown: boolean): Promise<VersionAnswer> {
  const { rows } = await pool.query<{ id: string; version: number; graph: unknown }>({
    name: "runtime-version",
    text: VERSION_SQL,
    values: [versionId, flowId, workspaceId, graphKnown],
  });
  const row = rows[0];
  if (!row) return null;
  const found = { id: row.id, version: row.version };
  return row.graph === null ? found : { ...found, graph: storedGraph(row.graph, `version ${row.id}`) };
}

const ROLE_SQL = `SELECT "role" FROM "Membership" WHERE "workspaceId" = $1 AND "userId" = $2`;

async function role(workspaceId: string, userId: string): Promise<RoleAnswer> {
  const { rows } = await pool.query<{ role: WorkspaceRole }>({ name: "runtime-role", text: ROLE_SQL, values: [workspaceId, userId] });
  return rows[0]?.role ?? null;
}

async function claim(row: SessionRow): Promise<boolean> {
  const { rowCount } = await pool.query({ name: "runtime-claim", text: INSERT_SESSIONS_SQL, values: sessionRowParams([row]) });
  return rowCount === 1;
}

function answer(request: RuntimeDatabaseRequest): Promise<RuntimeDatabaseAnswer> {
  switch (request.type) {
    case "draft":
      return draft(request.workspaceId, request.flowId, request.knownRevision);
    case "version":
      return version(request.workspaceId, request.flowId, request.versionId, request.graphKnown);
    case "claim":
      return claim(request.row);
    case "role":
      return role(request.workspaceId, request.userId);
  }
}

port.on("message", (request: (RuntimeDatabaseRequest & { id: number }) | { type: "close" }) => {
  if (request.type === "close") {
    void pool.end().finally(() => port.close());
    return;
  }
  void replyTo(request.id, answer(request)).then((reply) => port.postMessage(reply));
});
