import { compileTemplate } from "../../expressions/template";
import type { EndFlowNode } from "../../flow/schema";
import { EndStream } from "../outputs";
import type { NodeExecutor } from "./executor";
import { nodeName } from "./node-name";
import { replyText } from "./reply-text";

export function compileEnd(node: EndFlowNode): NodeExecutor {
  const goodbye = node.data.goodbye === undefined ? undefined : compileTemplate(node.data.goodbye);
  const what = `${nodeName(node)}: the goodbye`;
  return {
    run: (state) => ({
      kind: "end",
      end: new EndStream({ reason: node.data.reason, goodbye: goodbye && replyText(goodbye, state, node.id, what) }),
    }),
  };
}
