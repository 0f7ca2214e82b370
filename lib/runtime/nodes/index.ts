import type { FlowNode } from "../../flow/schema";
import { compileBranch } from "./branch";
import { compileEnd } from "./end";
import type { NodeExecutor } from "./executor";
import { compileListen } from "./listen";
import { compileSay } from "./say";
import { compileSet } from "./set";
import { compileStart } from "./start";

/** Builds the executor for a node of any kind. */
export function compileNode(node: FlowNode): NodeExecutor {
  switch (node.kind) {
    case "start":
      return compileStart(node);
    case "listen":
      return compileListen(node);
    case "branch":
      return compileBranch(node);
    case "say":
      return compileSay(node);
    case "set":
      return compileSet(node);
    case "end":
      return compileEnd(node);
  }
}

export type { FlowState, NodeExecutor, NodeStep } from "./executor";
