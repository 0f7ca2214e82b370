import type { FlowGraph } from "../flow/schema";
import type { FlowLookup } from "../server/session-opener";

/** A FlowLookup over a map, for runtime tests that need no database. */
export class InMemoryFlowLookup implements FlowLookup {
  private readonly flows = new Map<string, { ownerId: string; revision: number; graph: FlowGraph }>();

  put(ownerId: string, flowId: string, graph: FlowGraph, revision = 1): void {
    this.flows.set(flowId, { ownerId, revision, graph });
  }

  async draft(ownerId: string, flowId: string) {
    const flow = this.flows.get(flowId);
    return flow && flow.ownerId === ownerId ? { revision: flow.revision, graph: flow.graph } : null;
  }

  async version() {
    return null;
  }
}
