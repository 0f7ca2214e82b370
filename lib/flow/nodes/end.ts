import { z } from "zod";
import { labelField, storableString, withRules, type FieldRules } from "../field-rules";
import { defineNodeKind } from "../node-kind";

/** End's data, built with or without field rules (field-rules.ts). */
export const endData = (rule: FieldRules) =>
  z.strictObject({
    label: labelField(rule),
    /** Said before the connection closes; `{{name}}` inserts a variable. */
    goodbye: rule(storableString(), z.maxLength(5000, "A goodbye is at most 5,000 characters")).optional(),
    /** Why the call ended, recorded on the session and sent to the client. */
    reason: rule(storableString(), z.regex(/^[a-z0-9_.-]{1,64}$/, "Use lowercase letters, digits, _, . and - (e.g. completed)")),
  });
export const endDataSchema = endData(withRules);
export type EndData = z.infer<typeof endDataSchema>;

export const endNode = defineNodeKind({
  kind: "end",
  label: "End",
  description: "Says goodbye, tells the client why, and closes the connection.",
  color: "#b91c1c",
  shortcut: "e",
  dataSchema: endDataSchema,
  defaults: (): EndData => ({ goodbye: "Goodbye!", reason: "completed" }),
  hasInput: true,
  outputs: () => [],
  inspector: [
    { field: "label", label: "Label", control: "text" },
    { field: "goodbye", label: "Goodbye", control: "template" },
    { field: "reason", label: "Reason", control: "text" },
  ],
});
