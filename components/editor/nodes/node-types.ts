import type { NodeTypes } from "@xyflow/react";
import { BranchNodeView, EndNodeView, ListenNodeView, SayNodeView, SetNodeView, StartNodeView } from "./kind-nodes";

/** Module-level so React Flow never sees a new object (which would remount every node). */
export const nodeTypes = {
  start: StartNodeView,
  listen: ListenNodeView,
  branch: BranchNodeView,
  say: SayNodeView,
  set: SetNodeView,
  end: EndNodeView,
} satisfies NodeTypes;
