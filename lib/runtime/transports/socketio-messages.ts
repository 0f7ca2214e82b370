import { z } from "zod";

/** Longest utterance accepted, in characters. */
export const MAX_UTTERANCE_LENGTH = 2000;

export const utteranceMessageSchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, "The utterance is empty")
    .max(MAX_UTTERANCE_LENGTH, `Utterances are at most ${MAX_UTTERANCE_LENGTH} characters`),
});

/** Handshake `auth` of a session connection (docs/protocol.md). */
export const handshakeAuthSchema = z.object({
  token: z.string().optional(),
  trace: z.boolean().optional(),
});

/** Error codes sent with the `error` event. */
export type MessageErrorCode = "invalid_message" | "message_too_large" | "unknown_event" | "busy" | "session_not_running";

export interface MessageError {
  code: MessageErrorCode;
  message: string;
}

/** Parses an `utterance` payload without trusting its type or size. */
export function parseUtterance(payload: unknown): { ok: true; text: string } | { ok: false; error: MessageError } {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    return { ok: false, error: { code: "invalid_message", message: "utterance expects an object: { text: string }" } };
  }
  const text: unknown = Reflect.get(payload, "text");
  if (typeof text === "string" && text.length > MAX_UTTERANCE_LENGTH) {
    return {
      ok: false,
      error: { code: "message_too_large", message: `Utterances are at most ${MAX_UTTERANCE_LENGTH} characters (got ${text.length})` },
    };
  }
  // The common case, a plain `{ text }` with something to say, is checked by hand: the schema's safeParse cost
  // ~3.5 µs per utterance. It accepts exactly what the schema accepts (one key, `text`, a string that is not blank
  // once trimmed, its length checked above); anything else goes through the schema for its error messages.
  if (typeof text === "string" && Object.getPrototypeOf(payload) === Object.prototype && hasOnlyTextKey(payload)) {
    const trimmed = text.trim();
    if (trimmed.length > 0) return { ok: true, text: trimmed };
  }
  const parsed = utteranceMessageSchema.safeParse(payload);
  if (!parsed.success) {
    return { ok: false, error: { code: "invalid_message", message: parsed.error.issues.map((issue) => issue.message).join("; ") } };
  }
  return { ok: true, text: parsed.data.text };
}

/** Whether `payload`'s only enumerable key is `text`, as a strict object schema counts keys (`for...in`). */
function hasOnlyTextKey(payload: object): boolean {
  let keys = 0;
  for (const key in payload) {
    if (key !== "text") return false;
    keys += 1;
  }
  return keys === 1;
}
