import { z } from "zod";
import { defineNodeKind } from "../node-kind";
import { flowText } from "../text";

export const endDataSchema = z.strictObject({
  label: flowText(200).optional(),
  /** Said before the connection closes; `{{name}}` inserts a variable. */
  goodbye: flowText(5000).optional(),
  /** Why the call ended, recorded on the session and sent to the client. */
  reason: z.string().regex(/^[a-z0-9_.-]{1,64}$/, "Use lowercase letters, digits, _, . and - (e.g. completed)"),
});
export type EndData = z.infer<typeof endDataSchema>;

export const endNode = defineNodeKind({
  kind: "end",
  label: "End",
  description: "Says goodbye, tells the client why, and closes the connection.",
  color: "#ef4444",
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
