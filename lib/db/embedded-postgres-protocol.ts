import type { LockOwner } from "./directory-lock";

/*
 * PGlite runs one query at a time whatever the number of connections; several connections let pg's pool reconnect
 * after an error (with one, the reconnect is refused) and let a transaction wait its turn. Connections are cheap
 * sockets, so the limit is generous: the app's pool, the migration runner and a test's own client fit together.
 */
export const EMBEDDED_MAX_CONNECTIONS = 32;

/** Why the embedded database process could not start; a lock refusal keeps its details across the process boundary. */
export type EmbeddedFailure = { kind: "locked"; directory: string; owner: LockOwner; message: string } | { kind: "error"; message: string };

/** What the embedded database process tells its parent, once. */
export type EmbeddedMessage = { type: "ready"; url: string } | { type: "failed"; error: EmbeddedFailure };
