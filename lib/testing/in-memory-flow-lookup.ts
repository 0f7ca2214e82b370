import type { FlowGraph } from "../flow/schema";
import type { FlowLookup } from "../server/session-opener";

/** A FlowLookup over a map, for runtime tests that need no database. */
export class InMemoryFlowLookup implements FlowLookup {
  private readonly flows = new Map<string, { workspaceId: string; revision: number; graph: FlowGraph }>();
  /** Everyone may test here, but those `revoke` names. */
  private readonly revoked = new Set<string>();

  put(workspaceId: string, flowId: string, graph: FlowGraph, revision = 1): void {
    this.flows.set(flowId, { workspaceId, revision, graph });
  }

  async draft(workspaceId: string, flowId: string) {
    const flow = this.flows.get(flowId);
    return flow && flow.workspaceId === workspaceId ? { revision: flow.revision, graph: flow.graph } : null;
  }

  async version() {
    return null;
  }

  revoke(workspaceId: string, userId: string): void {
    this.revoked.add(`${workspaceId} ${userId}`);
  }

  async mayTest(workspaceId: string, userId: string) {
    return !this.revoked.has(`${workspaceId} ${userId}`);
  }
}
