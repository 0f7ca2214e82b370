import type { ListenFlowNode } from "../../flow/schema";
import type { NodeExecutor, NodeStep } from "./executor";
import { nodeName } from "./node-name";

export function compileListen(node: ListenFlowNode): NodeExecutor {
  const step: NodeStep = {
    kind: "listen",
    timeoutMs: Math.round(node.data.timeoutSeconds * 1000),
    variable: node.data.variable,
    what: `${nodeName(node)}: saving the utterance as ${node.data.variable}`,
  };
  return { run: () => step };
}
