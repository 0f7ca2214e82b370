import { z } from "zod";
import { labelField, storableString, withRules, type FieldRules } from "../field-rules";
import { defineNodeKind } from "../node-kind";

/** Say's data, built with or without field rules (field-rules.ts). */
export const sayData = (rule: FieldRules) =>
  z.strictObject({
    label: labelField(rule),
    /** Reply text; `{{name}}` inserts a variable. */
    text: rule(storableString(), z.maxLength(5000, "Replies are at most 5,000 characters")),
  });
export const sayDataSchema = sayData(withRules);
export type SayData = z.infer<typeof sayDataSchema>;

export const sayNode = defineNodeKind({
  kind: "say",
  label: "Say",
  description: "Replies to the caller; {{variable}} inserts a value.",
  color: "#6d28d9",
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
