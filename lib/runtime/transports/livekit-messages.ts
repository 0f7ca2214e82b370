import { z } from "zod";
import type { MessageError } from "./socketio-messages";

/**
 * The data topic of a Switchboard LiveKit room (docs/protocol.md#livekit). Each message is one reliable data packet
 * holding `{ event, data }`: the Socket.IO event's name and its payload, in the same shapes, so a client reads both
 * transports with one set of types.
 */
export const LIVEKIT_DATA_TOPIC = "switchboard";

/** The events the runtime sends on the topic; the same names and payloads as over Socket.IO. */
export type LiveKitServerEvent = "session" | "reply" | "audio.end" | "clear" | "transcript" | "trace" | "error" | "end";

/** Longest caller message accepted, in bytes (an utterance is at most 2000 characters). */
const MAX_MESSAGE_BYTES = 16_384;

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export function encodeServerMessage(event: LiveKitServerEvent, data: unknown): Uint8Array {
  return encoder.encode(JSON.stringify({ event, data }));
}

const callerMessageSchema = z.object({ event: z.string().min(1).max(50), data: z.unknown().optional() });

/** What a caller may send on the topic: `utterance` `{ text }` (typed input beside the voice) and `hangup`. */
export type CallerMessage = { event: string; data: unknown };

/** Reads one caller packet without trusting it: not UTF-8, not JSON, too large or not `{ event, data? }` is an error. */
export function decodeCallerMessage(payload: Uint8Array): { ok: true; message: CallerMessage } | { ok: false; error: MessageError } {
  if (payload.byteLength > MAX_MESSAGE_BYTES)
    return {
      ok: false,
      error: { code: "message_too_large", message: `Messages are at most ${MAX_MESSAGE_BYTES} bytes (got ${payload.byteLength})` },
    };
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch {
    return { ok: false, error: { code: "invalid_message", message: `Messages on "${LIVEKIT_DATA_TOPIC}" are UTF-8 JSON { event, data }` } };
  }
  const parsed = callerMessageSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      error: { code: "invalid_message", message: `Messages on "${LIVEKIT_DATA_TOPIC}" are JSON objects { event: string, data? }` },
    };
  return { ok: true, message: { event: parsed.data.event, data: parsed.data.data } };
}
