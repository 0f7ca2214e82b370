import type { VoiceActivityEvent, VoiceActivityOptions } from "../voice-activity";

/** Requests to a Silero thread (vad-worker.ts); `stream` names one caller's audio. */
export type VadRequest =
  | { type: "open"; stream: string; options: VoiceActivityOptions }
  | { type: "feed"; stream: string; pcm: Uint8Array }
  | { type: "finish"; stream: string };

/** The events the request completed. */
export type VadAnswer = { events: VoiceActivityEvent[] };
