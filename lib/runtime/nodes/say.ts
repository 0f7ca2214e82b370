import { compileTemplate } from "../../expressions/template";
import type { SayFlowNode } from "../../flow/schema";
import { reply, type Reply } from "../outputs";
import type { NodeExecutor } from "./executor";
import { nodeName } from "./node-name";
import { replyText } from "./reply-text";

export function compileSay(node: SayFlowNode): NodeExecutor {
  const template = compileTemplate(node.data.text);
  const what = `${nodeName(node)}: the reply`;
  if (!node.data.interruptible) {
    return { run: (state) => ({ kind: "reply", port: "next", reply: reply(replyText(template, state, node.id, what), node.id) }) };
  }
  return {
    run: (state) => {
      const text = replyText(template, state, node.id, what);
      const interruptible: Reply = { type: "reply", text, nodeId: node.id, interruptible: true };
      return { kind: "reply", port: "next", reply: interruptible, interruptedPort: "interrupted" };
    },
  };
}
