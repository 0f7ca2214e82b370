import { z } from "zod";
import { defineNodeKind } from "../node-kind";
import { flowText } from "../text";
import { variableNameSchema } from "../variable-name";

export const listenDataSchema = z.strictObject({
  label: flowText(200).optional(),
  /** Seconds to wait for the caller before leaving through `timeout`. */
  timeoutSeconds: z.number().min(1, "Wait at least 1 second").max(3600, "Wait at most an hour"),
  /** Optional variable that receives the utterance. */
  variable: variableNameSchema.optional(),
});
export type ListenData = z.infer<typeof listenDataSchema>;

export const listenNode = defineNodeKind({
  kind: "listen",
  label: "Listen",
  description: "Waits for the caller's next utterance.",
  color: "#3b82f6",
  shortcut: "l",
  dataSchema: listenDataSchema,
  defaults: (): ListenData => ({ timeoutSeconds: 10 }),
  hasInput: true,
  outputs: () => [
    { id: "heard", label: "heard" },
    { id: "timeout", label: "timeout" },
  ],
  inspector: [
    { field: "label", label: "Label", control: "text" },
    { field: "timeoutSeconds", label: "Timeout (seconds)", control: "number" },
    { field: "variable", label: "Save utterance as", control: "text", help: "Optional variable name" },
  ],
});
