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

/** Longest `error` message: an error says what was expected, it never echoes what was sent. */
const MAX_ERROR_MESSAGE_LENGTH = 200;
const EXPECTED = "utterance expects a JSON object { text: string }";

/**
 * Parses an `utterance` payload without trusting its type or size. The length limit applies to the text as the
 * session gets it, trimmed; nothing of the payload is echoed back (a binary payload is not described byte by byte).
 */
export function parseUtterance(payload: unknown): { ok: true; text: string } | { ok: false; error: MessageError } {
  if (typeof payload !== "object" || payload === null || Object.getPrototypeOf(payload) !== Object.prototype) {
    return { ok: false, error: { code: "invalid_message", message: `${EXPECTED}, got ${describe(payload)}` } };
  }
  const text: unknown = Reflect.get(payload, "text");
  if (typeof text === "string") {
    // The common case, a plain `{ text }` with something to say, is checked by hand: the schema's safeParse cost
    // ~3.5 µs per utterance. It accepts exactly what the schema accepts (one key, `text`, a string that is not blank
    // once trimmed and not too long); anything else goes through the schema for its error messages.
    const trimmed = text.trim();
    if (trimmed.length > MAX_UTTERANCE_LENGTH) {
      return {
        ok: false,
        error: { code: "message_too_large", message: `Utterances are at most ${MAX_UTTERANCE_LENGTH} characters (got ${trimmed.length})` },
      };
    }
    if (trimmed.length > 0 && hasOnlyTextKey(payload)) return { ok: true, text: trimmed };
  }
  const parsed = utteranceMessageSchema.safeParse(payload);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => (issue.code === "unrecognized_keys" ? `${EXPECTED}, with no other keys` : issue.message))
      .join("; ");
    return { ok: false, error: { code: "invalid_message", message: shorten(message) } };
  }
  return { ok: true, text: parsed.data.text };
}

/** What kind of value arrived, in a few words. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return "binary data";
  return typeof value === "object" ? "an object that is not plain JSON" : `a ${typeof value}`;
}

function shorten(message: string): string {
  return message.length <= MAX_ERROR_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_ERROR_MESSAGE_LENGTH - 1)}…`;
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
