import { compileTemplate } from "../../expressions/template";
import type { SayFlowNode } from "../../flow/schema";
import { reply } from "../outputs";
import type { NodeExecutor } from "./executor";
import { nodeName } from "./node-name";
import { replyText } from "./reply-text";

export function compileSay(node: SayFlowNode): NodeExecutor {
  const template = compileTemplate(node.data.text);
  const what = `${nodeName(node)}: the reply`;
  return {
    run: (state) => ({ kind: "reply", port: "next", reply: reply(replyText(template, state, node.id, what), node.id) }),
  };
}
