import type { Database } from "../db/database";
import { getFlow, getFlowVersion } from "../flows/flow-repository";
import type { FlowLookup } from "./session-opener";

/** The runtime's view of stored flows: the draft a token names, or one published version. */
export function databaseFlowLookup(db: Database): FlowLookup {
  return {
    async draft(ownerId, flowId) {
      const flow = await getFlow(db, ownerId, flowId);
      return flow ? { revision: flow.revision, graph: flow.graph } : null;
    },
    async version(ownerId, flowId, versionId) {
      const version = await getFlowVersion(db, ownerId, flowId, versionId);
      return version ? { id: version.id, version: version.version, graph: version.graph } : null;
    },
  };
}
