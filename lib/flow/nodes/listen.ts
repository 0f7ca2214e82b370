import { z } from "zod";
import { labelField, storableString, variableNameField, withRules, type FieldRules } from "../field-rules";
import { defineNodeKind } from "../node-kind";
import { languageField } from "../voice-settings";

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
    /**
     * On a voice call: every turn waits out `endOfSpeechMs`, even once an expected phrase is heard (by default a caller
     * who said one is answered after a short pause).
     */
    waitForFullSilence: z.boolean().optional(),
    /** On a voice call: the language the caller speaks (the flow's, else en-US, when unset). */
    language: languageField(rule),
    /**
     * On a voice call: phrases the recogniser should expect besides those of the phrase Branches after this Listen
     * (say, the answers an expression Branch tests for). Naming any narrows recognition even where a regex or
     * expression Branch follows, which alone would leave it free-form.
     */
    expectedPhrases: rule(
      z.array(rule(storableString(), z.maxLength(500, "A phrase is at most 500 characters"))),
      z.maxLength(200, "At most 200 phrases"),
    ).optional(),
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
    { field: "language", label: "Caller's language", control: "language", help: "Voice calls: the language the caller is heard in" },
    {
      field: "endOfSpeechMs",
      label: "Silence that ends the caller's turn (ms)",
      control: "number",
      placeholder: "500 ms (default)",
      help: "Voice calls: the longest pause before the caller is answered. Once they have said a phrase this Listen expects, a short pause is enough",
    },
    {
      field: "waitForFullSilence",
      label: "Always wait the full silence",
      control: "toggle",
      help: "Voice calls: wait the whole silence before answering, even on an expected phrase: slower, but no reply is begun and then cut when the caller goes on",
    },
    {
      field: "expectedPhrases",
      label: "Also listen for",
      control: "phrases",
      placeholder: "e.g. tomorrow, next week",
      help: "Voice calls: phrases to recognise besides the ones the Branches after this Listen match (commas between them)",
    },
  ],
});
