import { z } from "zod";
import { defineNodeKind } from "../node-kind";
import { flowText } from "../text";

export const sayDataSchema = z.strictObject({
  label: flowText(200).optional(),
  /** Reply text; `{{name}}` inserts a variable. */
  text: flowText(5000),
});
export type SayData = z.infer<typeof sayDataSchema>;

export const sayNode = defineNodeKind({
  kind: "say",
  label: "Say",
  description: "Replies to the caller; {{variable}} inserts a value.",
  color: "#8b5cf6",
  shortcut: "y",
  dataSchema: sayDataSchema,
  defaults: (): SayData => ({ text: "" }),
  hasInput: true,
  outputs: () => [{ id: "next", label: "next" }],
  inspector: [
    { field: "label", label: "Label", control: "text" },
    { field: "text", label: "Text", control: "template", help: "Use {{name}} to insert a variable" },
  ],
});
