import { z } from "zod";
import { labelField, storableString, withRules, type FieldRules } from "../field-rules";
import { defineNodeKind } from "../node-kind";

/** A condition's id is the name of its output port, so it is part of the graph's shape, not a field rule. */
const conditionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "Condition ids use letters, digits, _ and -")
  .refine((id) => id !== "else", "`else` is the fallback port's name");

const branchMatch = (rule: FieldRules) =>
  z.discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("phrases"),
      /** Matched against the last utterance, ignoring case and punctuation. */
      phrases: rule(
        z.array(rule(storableString(), z.maxLength(500, "A phrase is at most 500 characters"))),
        z.maxLength(200, "At most 200 phrases"),
      ),
    }),
    z.strictObject({
      type: z.literal("regex"),
      pattern: rule(storableString(), z.maxLength(1000, "A pattern is at most 1,000 characters")),
      flags: rule(storableString(), z.regex(/^[imsu]*$/, "Allowed flags: i, m, s, u")).optional(),
    }),
    z.strictObject({
      type: z.literal("expression"),
      /** A CEL expression over the variables and `utterance`. */
      expression: rule(storableString(), z.maxLength(2000, "Expressions are at most 2,000 characters")),
    }),
  ]);
export type BranchMatch = z.infer<ReturnType<typeof branchMatch>>;

const branchCondition = (rule: FieldRules) =>
  z.strictObject({
    id: conditionIdSchema,
    label: labelField(rule),
    match: branchMatch(rule),
  });
export type BranchCondition = z.infer<ReturnType<typeof branchCondition>>;

/** Branch's data, built with or without field rules (field-rules.ts). */
export const branchData = (rule: FieldRules) =>
  z.strictObject({
    label: labelField(rule),
    conditions: rule(z.array(branchCondition(rule)), z.maxLength(50, "At most 50 conditions")),
  });
export const branchDataSchema = branchData(withRules);
export type BranchData = z.infer<typeof branchDataSchema>;

/** Short human label of a condition, used for its port. */
export function conditionLabel(condition: BranchCondition): string {
  if (condition.label) return condition.label;
  const { match } = condition;
  switch (match.type) {
    case "phrases":
      return match.phrases.filter(Boolean).slice(0, 3).join(" / ") || "phrases";
    case "regex":
      return `/${match.pattern}/`;
    case "expression":
      return match.expression || "expression";
  }
}

export const branchNode = defineNodeKind({
  kind: "branch",
  label: "Branch",
  description: "Chooses a path: the first matching condition wins, else `else`.",
  color: "#b45309",
  shortcut: "b",
  dataSchema: branchDataSchema,
  defaults: (): BranchData => ({
    conditions: [{ id: "c1", match: { type: "phrases", phrases: [] } }],
  }),
  hasInput: true,
  outputs: (data) => [
    ...data.conditions.map((condition) => ({ id: condition.id, label: conditionLabel(condition) })),
    { id: "else", label: "else" },
  ],
  inspector: [
    { field: "label", label: "Label", control: "text" },
    { field: "conditions", label: "Conditions", control: "conditions" },
  ],
});
