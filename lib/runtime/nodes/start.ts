import type { StartFlowNode } from "../../flow/schema";
import type { NodeExecutor } from "./executor";

const NEXT = { kind: "next", port: "next" } as const;

export function compileStart(_node: StartFlowNode): NodeExecutor {
  return { run: () => NEXT };
}
