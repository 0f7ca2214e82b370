import { nodeKinds } from "../../flow/nodes";
import type { FlowNode } from "../../flow/schema";

/** How a failure message names its node: `Set node "Double it"` (the label, else the id), so the end reason says where. */
export function nodeName(node: FlowNode): string {
  return `${nodeKinds[node.kind].label} node "${node.data.label ?? node.id}"`;
}
