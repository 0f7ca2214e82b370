import { z } from "zod";
import { defineNodeKind } from "../node-kind";
import { flowText } from "../text";

export const startDataSchema = z.strictObject({
  label: flowText(200).optional(),
});
export type StartData = z.infer<typeof startDataSchema>;

export const startNode = defineNodeKind({
  kind: "start",
  label: "Start",
  description: "Where every call begins.",
  color: "#10b981",
  shortcut: "s",
  dataSchema: startDataSchema,
  defaults: (): StartData => ({}),
  hasInput: false,
  outputs: () => [{ id: "next", label: "next" }],
  inspector: [{ field: "label", label: "Label", control: "text" }],
});
