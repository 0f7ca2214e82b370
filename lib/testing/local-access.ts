import { LOCAL_USER, LOCAL_WORKSPACE } from "../auth/local-user";
import type { SessionScope } from "../sessions/session-queries";

/** The sessions the local user may read: their workspace's, and code sessions they opened. */
export const LOCAL_SCOPE: SessionScope = { workspaceIds: [LOCAL_WORKSPACE.id], userId: LOCAL_USER.id };
