import { z } from "zod";
import { labelField, variableNameField, withRules, type FieldRules } from "../field-rules";
import { defineNodeKind } from "../node-kind";

/** Listen's data, built with or without field rules (field-rules.ts). */
export const listenData = (rule: FieldRules) =>
  z.strictObject({
    label: labelField(rule),
    /** Seconds to wait for the caller before leaving through `timeout`. */
    timeoutSeconds: rule(z.number(), z.gte(1, "Wait at least 1 second"), z.lte(3600, "Wait at most an hour")),
    /** Optional variable that receives the utterance. */
    variable: variableNameField(rule).optional(),
    /** On a voice call: the silence, in milliseconds, that ends the caller's turn (the server's default, 500, when unset). */
    endOfSpeechMs: rule(z.number(), z.int("Whole milliseconds"), z.gte(200, "At least 200 ms"), z.lte(5000, "At most 5,000 ms")).optional(),
  });
export const listenDataSchema = listenData(withRules);
export type ListenData = z.infer<typeof listenDataSchema>;

export const listenNode = defineNodeKind({
  kind: "listen",
  label: "Listen",
  description: "Waits for the caller's next utterance.",
  color: "#1d4ed8",
  shortcut: "l",
  dataSchema: listenDataSchema,
  defaults: (): ListenData => ({ timeoutSeconds: 10 }),
  hasInput: true,
  outputs: () => [
    { id: "heard", label: "heard" },
    { id: "timeout", label: "timeout", optional: true },
  ],
  inspector: [
    { field: "label", label: "Label", control: "text" },
    { field: "timeoutSeconds", label: "Timeout (seconds)", control: "number" },
    { field: "variable", label: "Save utterance as", control: "text", help: "Optional variable name" },
  ],
});
