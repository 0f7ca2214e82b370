import { compileTemplate } from "../../expressions/template";
import type { SayFlowNode } from "../../flow/schema";
import { reply } from "../outputs";
import type { NodeExecutor } from "./executor";

export function compileSay(node: SayFlowNode): NodeExecutor {
  const template = compileTemplate(node.data.text);
  return {
    run: (state) => ({ kind: "reply", port: "next", reply: reply(template.render(state.variables), node.id) }),
  };
}
