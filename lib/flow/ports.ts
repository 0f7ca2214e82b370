import { nodeKinds } from "./nodes";
import type { PortDescription } from "./node-kind";
import type { FlowNode } from "./schema";

/** Output ports of a node, derived from its kind and data (a branch has one per condition plus `else`). */
export function outputPortsOf(node: FlowNode): PortDescription[] {
  switch (node.kind) {
    case "start":
      return nodeKinds.start.outputs(node.data);
    case "listen":
      return nodeKinds.listen.outputs(node.data);
    case "branch":
      return nodeKinds.branch.outputs(node.data);
    case "say":
      return nodeKinds.say.outputs(node.data);
    case "set":
      return nodeKinds.set.outputs(node.data);
    case "end":
      return nodeKinds.end.outputs(node.data);
  }
}

/** Whether edges may end at this node. */
export function acceptsInput(node: FlowNode): boolean {
  return nodeKinds[node.kind].hasInput;
}
