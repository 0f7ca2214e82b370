import { z } from "zod";
import { labelField, storableString, variableNameField, withRules, type FieldRules } from "../field-rules";
import { defineNodeKind } from "../node-kind";

const assignment = (rule: FieldRules) =>
  z.strictObject({
    variable: variableNameField(rule),
    source: z.discriminatedUnion("type", [
      z.strictObject({
        type: z.literal("expression"),
        /** A CEL expression over the variables and `utterance`. */
        expression: rule(storableString(), z.maxLength(2000, "Expressions are at most 2,000 characters")),
      }),
      z.strictObject({ type: z.literal("utterance") }),
    ]),
  });
export type Assignment = z.infer<ReturnType<typeof assignment>>;

/** Set's data, built with or without field rules (field-rules.ts). */
export const setData = (rule: FieldRules) =>
  z.strictObject({
    label: labelField(rule),
    assignments: rule(z.array(assignment(rule)), z.maxLength(50, "At most 50 assignments")),
  });
export const setDataSchema = setData(withRules);
export type SetData = z.infer<typeof setDataSchema>;

export const setNode = defineNodeKind({
  kind: "set",
  label: "Set",
  description: "Assigns variables from expressions or from the last utterance.",
  color: "#0e7490",
  shortcut: "v",
  dataSchema: setDataSchema,
  defaults: (): SetData => ({ assignments: [{ variable: "value", source: { type: "utterance" } }] }),
  hasInput: true,
  outputs: () => [{ id: "next", label: "next" }],
  inspector: [
    { field: "label", label: "Label", control: "text" },
    { field: "assignments", label: "Assignments", control: "assignments" },
  ],
});
