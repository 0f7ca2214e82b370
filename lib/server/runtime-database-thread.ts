import { sessionRowFor } from "../sessions/session-writes";
import type { SessionClaim } from "../sessions/session-claims";
import { requestThread } from "../threads/request-thread";
import { permits } from "../auth/access";
import type { DraftAnswer, RoleAnswer, RuntimeDatabaseAnswer, RuntimeDatabaseRequest, VersionAnswer } from "./runtime-database-messages";
import type { FlowLookup } from "./session-opener";

/** The runtime's queries on a thread of their own (runtime-database-worker.ts). */
export interface RuntimeDatabase {
  /** The flows session tokens name. */
  lookup: FlowLookup;
  /** Claims session rows for this runtime process (see session-claims.ts). */
  claim(runtimeId: string): SessionClaim;
  close(): Promise<void>;
}

/**
 * Opening a session reads its flow and writes its row; here both run on a worker thread with its own connections, so
 * the event loop that carries every call only posts a message and hears back. Errors keep their codes, so a database
 * that is out of reach still reads as such (lib/db/unreachable.ts).
 */
export function runtimeDatabaseThread(connectionString: string): RuntimeDatabase {
  const thread = requestThread<RuntimeDatabaseRequest, RuntimeDatabaseAnswer>(new URL("./runtime-database-worker.ts", import.meta.url), {
    connectionString,
  });
  return {
    lookup: {
      draft: (workspaceId, flowId, knownRevision) =>
        thread.request({ type: "draft", workspaceId, flowId, knownRevision: knownRevision ?? null }) as Promise<DraftAnswer>,
      version: (workspaceId, flowId, versionId, graphKnown) =>
        thread.request({ type: "version", workspaceId, flowId, versionId, graphKnown: graphKnown ?? false }) as Promise<VersionAnswer>,
      mayTest: async (workspaceId, userId) => {
        const role = (await thread.request({ type: "role", workspaceId, userId })) as RoleAnswer;
        return role !== null && permits(role, "test");
      },
    },
    claim: (runtimeId) => async (meta) =>
      (await thread.request({ type: "claim", row: sessionRowFor(meta, Date.now(), runtimeId) })) === true,
    close: () => thread.close(),
  };
}
