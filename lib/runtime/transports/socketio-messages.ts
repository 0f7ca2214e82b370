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
  /** Voice mode: the audio format the client sends and plays (only 16 kHz mono PCM16 is served). */
  audio: z.unknown().optional(),
});

/** The one audio format of a voice connection (docs/protocol.md#voice). */
export const audioFormatSchema = z.strictObject({
  sampleRate: z.literal(16_000, "audio.sampleRate must be 16000 (resample on the client)"),
  encoding: z.literal("pcm16", 'audio.encoding must be "pcm16"'),
  channels: z.literal(1, "audio.channels must be 1").optional(),
});

/** Bytes of one caller frame: 20 ms of 16 kHz mono PCM16. */
export const AUDIO_FRAME_BYTES = 640;

/** Error codes sent with the `error` event. */
export type MessageErrorCode =
  | "invalid_message"
  | "message_too_large"
  | "unknown_event"
  | "busy"
  | "session_not_running"
  | "audio_invalid"
  | "audio_frame_size"
  | "unknown_reply";

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

/**
 * Checks one caller `audio` frame: binary, exactly 640 bytes (20 ms of 16 kHz mono PCM16). Any 640 bytes are valid
 * PCM16: noise is the VAD's to ignore, not the parser's.
 */
export function parseAudioFrame(payload: unknown): { ok: true; samples: Int16Array } | { ok: false; error: MessageError } {
  if (!(payload instanceof Uint8Array)) {
    return {
      ok: false,
      error: {
        code: "audio_invalid",
        message: `audio expects binary data (${AUDIO_FRAME_BYTES} bytes of PCM16), got ${describe(payload)}`,
      },
    };
  }
  if (payload.byteLength !== AUDIO_FRAME_BYTES) {
    const odd = payload.byteLength % 2 === 1 ? ", an odd length for PCM16" : "";
    return {
      ok: false,
      error: {
        code: "audio_frame_size",
        message: `An audio frame is ${AUDIO_FRAME_BYTES} bytes (20 ms of 16 kHz mono PCM16), got ${payload.byteLength}${odd}`,
      },
    };
  }
  // Copied: the samples must be 2-byte aligned, and the socket's buffer is not ours to keep.
  const samples = new Int16Array(AUDIO_FRAME_BYTES / 2);
  new Uint8Array(samples.buffer).set(payload);
  return { ok: true, samples };
}

const playoutMarkSchema = z.strictObject({ replyId: z.string().min(1).max(64) });

/** Checks a `playout` mark: `{ replyId }`, the id a voice `reply` came with. */
export function parsePlayoutMark(payload: unknown): { ok: true; replyId: string } | { ok: false; error: MessageError } {
  const parsed = playoutMarkSchema.safeParse(payload);
  if (parsed.success) return { ok: true, replyId: parsed.data.replyId };
  return { ok: false, error: { code: "invalid_message", message: "playout expects a JSON object { replyId: string }" } };
}
