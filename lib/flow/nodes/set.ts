import { z } from "zod";
import { defineNodeKind } from "../node-kind";
import { flowText } from "../text";
import { variableNameSchema } from "../variable-name";

export const assignmentSourceSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("expression"), expression: flowText(2000) }),
  z.strictObject({ type: z.literal("utterance") }),
]);

export const assignmentSchema = z.strictObject({
  variable: variableNameSchema,
  source: assignmentSourceSchema,
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const setDataSchema = z.strictObject({
  label: flowText(200).optional(),
  assignments: z.array(assignmentSchema).max(50, "At most 50 assignments"),
});
export type SetData = z.infer<typeof setDataSchema>;

export const setNode = defineNodeKind({
  kind: "set",
  label: "Set",
  description: "Assigns variables from expressions or from the last utterance.",
  color: "#06b6d4",
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
