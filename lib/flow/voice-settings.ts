import { z } from "zod";
import { storableString, type FieldRules } from "./field-rules";

/**
 * The speech providers a flow may name. Which of them a server can use depends on its keys (lib/voice's provider
 * registry, `GET /api/voice/providers`); a flow naming one the server lacks still saves and runs, on the next choice
 * down (the server's default, then the offline engines), and the editor warns.
 */
export const SPEECH_TO_TEXT_PROVIDERS = ["local", "deepgram", "openai"] as const;
export const TEXT_TO_SPEECH_PROVIDERS = ["local", "openai", "elevenlabs"] as const;
export type SpeechToTextProviderId = (typeof SPEECH_TO_TEXT_PROVIDERS)[number];
export type TextToSpeechProviderId = (typeof TEXT_TO_SPEECH_PROVIDERS)[number];

/** Names in words, for messages and the editor. */
export const VOICE_PROVIDER_NAMES: Readonly<Record<string, string>> = {
  local: "Offline (this server)",
  deepgram: "Deepgram",
  openai: "OpenAI-compatible",
  elevenlabs: "ElevenLabs",
};

/**
 * A voice id is `<engine>:<name>` (`piper:en_US-joe-medium`, `espeak:en-us`, `openai:alloy`, `elevenlabs:<voice id>`);
 * the engine says which provider speaks it.
 */
const VOICE_ENGINE_PROVIDERS: Readonly<Record<string, TextToSpeechProviderId>> = {
  piper: "local",
  espeak: "local",
  openai: "openai",
  elevenlabs: "elevenlabs",
};

/** The provider a voice id belongs to, or undefined for an id no provider declares. */
export function providerOfVoice(voiceId: string): TextToSpeechProviderId | undefined {
  const engine = voiceId.slice(0, voiceId.indexOf(":"));
  return Object.hasOwn(VOICE_ENGINE_PROVIDERS, engine) ? VOICE_ENGINE_PROVIDERS[engine] : undefined;
}

/** The language a Listen recognises when it names none. */
export const DEFAULT_LANGUAGE = "en-US";

/** A BCP 47 tag as a field: `en-US`, `fr`, `pt-BR` (the speech providers declare which they understand). */
export function languageField(rule: FieldRules) {
  return rule(storableString(), z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Use a language tag such as en-US or fr-FR")).optional();
}

/** A voice id as a field (see providerOfVoice). */
export function voiceField(rule: FieldRules) {
  return rule(
    storableString(),
    z.regex(/^[a-z]+:[^\s]{1,200}$/, "Use a voice from the list (an id such as piper:en_US-joe-medium)"),
  ).optional();
}

/** Speaking pace: 1 is the voice's own, 1.25 a quarter faster. */
export function speakingRateField(rule: FieldRules) {
  return rule(z.number(), z.gte(0.5, "At least 0.5 (half speed)"), z.lte(2, "At most 2 (double speed)")).optional();
}

/**
 * Flow-wide voice settings: what a voice call of this flow hears and speaks with when a node says nothing. Each is
 * optional; unset, the server's default applies (its environment), then the offline engines.
 */
export const flowVoiceSettings = (rule: FieldRules) =>
  z.strictObject({
    /** Who recognises the caller: `local`, `deepgram` or `openai`. */
    speechToText: storableString().optional(),
    /** Who speaks the replies: `local`, `openai` or `elevenlabs`. */
    textToSpeech: storableString().optional(),
    /** The voice of every Say that names none; it belongs to `textToSpeech` (or names its own provider). */
    voice: voiceField(rule),
    /** The language of every Listen that names none (en-US when unset). */
    language: languageField(rule),
  });
export type FlowVoiceSettings = z.infer<ReturnType<typeof flowVoiceSettings>>;
