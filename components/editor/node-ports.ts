import { nodeKinds, type NodeKind, type PortDescription } from "@/lib/flow";
import type { CanvasNode } from "./canvas-types";

/** Output ports of a canvas node (same rules as lib/flow's outputPortsOf). */
export function canvasPortsOf(node: CanvasNode): PortDescription[] {
  switch (node.type) {
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

/** Whether a kind takes incoming edges. */
export function hasInput(kind: NodeKind): boolean {
  return nodeKinds[kind].hasInput;
}
