import { signedInUser } from "../auth/accounts";
import { attachCollabServer, type CollabServer } from "../collab/collab-server";
import type { TestDatabase } from "../db/test-databases";
import { startServer, type RunningServer } from "../server/start-server";

/**
 * The real server's Socket.IO on a test's database, with live co-editing attached as the editor's server attaches it
 * (without the editor thread), for tests of the `/collab` namespace beside the runtime's.
 */
export async function startCollabTestServer(database: TestDatabase): Promise<{ server: RunningServer; collab: CollabServer }> {
  const server = await startServer({ port: 0, hostname: "127.0.0.1", withEditor: false, dev: false, database, voice: false });
  const collab = attachCollabServer({
    io: server.runtime.io,
    db: database.db,
    signedInUser: (headers) => signedInUser(headers, undefined, database.db),
    log: () => {},
  });
  return { server, collab };
}
