import { z } from "zod";
import { labelField, withRules, type FieldRules } from "../field-rules";
import { defineNodeKind } from "../node-kind";

/** Start's data, built with or without field rules (field-rules.ts). */
export const startData = (rule: FieldRules) => z.strictObject({ label: labelField(rule) });
export const startDataSchema = startData(withRules);
export type StartData = z.infer<typeof startDataSchema>;

export const startNode = defineNodeKind({
  kind: "start",
  label: "Start",
  description: "Where every call begins.",
  color: "#047857",
  shortcut: "s",
  dataSchema: startDataSchema,
  defaults: (): StartData => ({}),
  hasInput: false,
  outputs: () => [{ id: "next", label: "next" }],
  inspector: [{ field: "label", label: "Label", control: "text" }],
});
