import { z } from "zod";
import { labelField, storableString, withRules, type FieldRules } from "../field-rules";
import { defineNodeKind, type PortDescription } from "../node-kind";
import { speakingRateField, voiceField } from "../voice-settings";

/** Say's data, built with or without field rules (field-rules.ts). */
export const sayData = (rule: FieldRules) =>
  z.strictObject({
    label: labelField(rule),
    /** Reply text; `{{name}}` inserts a variable. */
    text: rule(storableString(), z.maxLength(5000, "Replies are at most 5,000 characters")),
    /**
     * Whether the caller may cut the reply short by speaking (voice barge-in). An interrupted reply leaves by the
     * `interrupted` port, which only an interruptible Say has and which may stay unconnected: it then goes on by
     * `next`, as when the reply was heard whole (the caller is speaking, and the next Listen hears them).
     */
    interruptible: z.boolean().optional(),
    /** On a voice call: the voice that speaks this reply (the flow's, else the server's, when unset). */
    voice: voiceField(rule),
    /** On a voice call: the speaking pace, 1 being the voice's own. */
    rate: speakingRateField(rule),
  });
export const sayDataSchema = sayData(withRules);
export type SayData = z.infer<typeof sayDataSchema>;

const NEXT: PortDescription = { id: "next", label: "next" };
const INTERRUPTED: PortDescription = { id: "interrupted", label: "interrupted", optional: true };

export const sayNode = defineNodeKind({
  kind: "say",
  label: "Say",
  description: "Replies to the caller; {{variable}} inserts a value.",
  color: "#6d28d9",
  shortcut: "y",
  dataSchema: sayDataSchema,
  defaults: (): SayData => ({ text: "" }),
  hasInput: true,
  outputs: (data) => (data.interruptible ? [NEXT, INTERRUPTED] : [NEXT]),
  inspector: [
    { field: "label", label: "Label", control: "text" },
    { field: "text", label: "Text", control: "template", help: "Use {{name}} to insert a variable" },
    { field: "voice", label: "Voice", control: "voice", help: "Voice calls: who speaks this reply" },
    { field: "rate", label: "Speaking pace", control: "number", placeholder: "1 (normal)", help: "0.5 is half speed, 2 double speed" },
    {
      field: "interruptible",
      label: "The caller may interrupt",
      control: "toggle",
      help: "Voice calls: speaking over this reply cuts it short and leaves by the “interrupted” port",
    },
  ],
});
