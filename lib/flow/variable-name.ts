import { z } from "zod";

/** Names usable both in `{{templates}}` and in CEL expressions. `utterance` is reserved for the last utterance. */
export const variableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "Use letters, digits and _, starting with a letter")
  .refine((name) => name !== "utterance", "`utterance` is reserved for the last thing the caller said");
