import { z } from "zod";
import { storableText } from "./text";

/**
 * How a node kind's data schema is built from its one declaration. Each field has a shape (its JSON type: what a
 * draft must hold to be stored) and may have rules (lengths, ranges, name patterns: what a flow must meet to run).
 * A draft with a value that breaks a rule still saves; validation reports the broken rule against the node and field.
 */
export type FieldRules = <Shape extends z.ZodType>(shape: Shape, ...rules: z.core.$ZodCheck<z.output<Shape>>[]) => Shape;

/** The runnable flow model: shapes and their rules. */
export const withRules: FieldRules = (shape, ...rules) => (rules.length === 0 ? shape : shape.check(...rules));

/** What a stored draft may hold: shapes only. */
export const shapesOnly: FieldRules = (shape) => shape;

/**
 * The shape of every string of a flow: a string the database can store (no NUL, no lone surrogate). Part of the
 * shape, not a rule: a draft holding one could not be saved at all, so it is refused with a 400 naming the field.
 */
export function storableString(): z.ZodString {
  return storableText(z.string());
}

/** The optional free-text label every kind has. */
export function labelField(rule: FieldRules) {
  return rule(storableString(), z.maxLength(200, "Labels are at most 200 characters")).optional();
}

/** Names usable both in `{{templates}}` and in CEL expressions. `utterance` is reserved for the last utterance. */
export function variableNameField(rule: FieldRules) {
  return rule(
    storableString(),
    z.regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "Use letters, digits and _, starting with a letter or _ (no spaces)"),
    z.refine((name: string) => name !== "utterance", "`utterance` is reserved for the last thing the caller said"),
  );
}
