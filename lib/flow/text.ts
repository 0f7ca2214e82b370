import { z } from "zod";

/**
 * Why a string cannot be stored, or undefined when it can. PostgreSQL's `text` and `jsonb` refuse U+0000, and a lone
 * UTF-16 surrogate (half of a pair, e.g. "\ud800") is not Unicode at all: JSON.stringify writes it as an escape that
 * `jsonb` rejects. Both would otherwise reach the database and fail there as a 500; refused here, they are a 400 naming
 * the field.
 */
export function unstorableTextReason(text: string): string | undefined {
  if (!text.includes("\u0000") && text.isWellFormed()) return undefined;
  // Positions count characters as people see them (code points), from 1.
  const characters = [...text];
  const nul = characters.indexOf("\u0000");
  if (nul !== -1) return `Remove the NUL character (U+0000) at position ${nul + 1}: text cannot contain it`;
  const lone = characters.findIndex((character) => character.length === 1 && /[\ud800-\udfff]/.test(character));
  return `Remove the unpaired surrogate (U+${hex(characters[lone])}) at position ${lone + 1}: text must be well-formed Unicode`;
}

function hex(character: string | undefined): string {
  return (character?.charCodeAt(0) ?? 0).toString(16).toUpperCase();
}

/** Adds the storable-text rule to a string schema (keeps its type, so `.optional()` and friends still chain). */
export function storableText<Schema extends z.ZodString>(schema: Schema): Schema {
  return schema.superRefine((text, context) => {
    const reason = unstorableTextReason(text);
    if (reason !== undefined) context.addIssue({ code: "custom", message: reason, input: text });
  });
}

/** A flow's name, as the document and the API have it. */
export const flowNameSchema = storableText(z.string().trim().min(1, "A flow needs a name").max(200));
