import { branchNode } from "./branch";
import { endNode } from "./end";
import { listenNode } from "./listen";
import { sayNode } from "./say";
import { setNode } from "./set";
import { startNode } from "./start";

/** Every node kind, in palette order. */
export const nodeKinds = {
  start: startNode,
  listen: listenNode,
  branch: branchNode,
  say: sayNode,
  set: setNode,
  end: endNode,
} as const;

export type NodeKind = keyof typeof nodeKinds;
export const nodeKindNames = Object.keys(nodeKinds) as NodeKind[];

export { branchNode, endNode, listenNode, sayNode, setNode, startNode };
export type { BranchCondition, BranchData, BranchMatch } from "./branch";
export type { EndData } from "./end";
export type { ListenData } from "./listen";
export type { SayData } from "./say";
export type { Assignment, SetData } from "./set";
export type { StartData } from "./start";
