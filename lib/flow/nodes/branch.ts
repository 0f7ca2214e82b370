import { z } from "zod";
import { defineNodeKind } from "../node-kind";
import { flowText } from "../text";

const conditionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "Condition ids use letters, digits, _ and -")
  .refine((id) => id !== "else", "`else` is the fallback port's name");

export const branchMatchSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("phrases"),
    /** Matched against the last utterance, ignoring case and punctuation. */
    phrases: z.array(flowText(500)).max(200),
  }),
  z.strictObject({
    type: z.literal("regex"),
    pattern: flowText(1000),
    flags: z
      .string()
      .regex(/^[imsu]*$/, "Allowed flags: i, m, s, u")
      .optional(),
  }),
  z.strictObject({
    type: z.literal("expression"),
    /** A CEL expression over the variables and `utterance`. */
    expression: flowText(2000),
  }),
]);
export type BranchMatch = z.infer<typeof branchMatchSchema>;

export const branchConditionSchema = z.strictObject({
  id: conditionIdSchema,
  label: flowText(200).optional(),
  match: branchMatchSchema,
});
export type BranchCondition = z.infer<typeof branchConditionSchema>;

export const branchDataSchema = z.strictObject({
  label: flowText(200).optional(),
  conditions: z.array(branchConditionSchema).max(50, "At most 50 conditions"),
});
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
  color: "#f59e0b",
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
