import { providerOfVoice, SPEECH_TO_TEXT_PROVIDERS, TEXT_TO_SPEECH_PROVIDERS } from "../flow/voice-settings";
import { OPENAI_BASE_URL } from "./openai/openai-api";

/** How to reach an OpenAI-compatible speech server (OpenAI itself, or a self-hosted one by base URL). */
export interface OpenAiProviderConfig {
  baseUrl: string;
  apiKey?: string;
  speechToTextModel: string;
  textToSpeechModel: string;
  voice: string;
  /** The server's voice names, when not OpenAI's own (a self-hosted server's). */
  voices?: string[];
}

export interface DeepgramProviderConfig {
  baseUrl?: string;
  apiKey: string;
  model: string;
}

export interface ElevenLabsProviderConfig {
  baseUrl?: string;
  apiKey: string;
  model: string;
  voiceId: string;
  /** Voice id → name in words. */
  voices: Record<string, string>;
}

/** The deployment's voice: which providers a call uses when its flow names none. */
export interface VoiceDefaults {
  speechToText: string;
  textToSpeech: string;
  voice?: string;
}

/** The speech providers this server may use, from its environment (docs/deployment.md#voice). */
export interface VoiceProviderConfig {
  openai?: OpenAiProviderConfig;
  deepgram?: DeepgramProviderConfig;
  elevenlabs?: ElevenLabsProviderConfig;
  defaults: VoiceDefaults;
  /** Why a known provider is not usable here, in words (what to set). */
  unavailable: Record<string, string>;
  /** Settings that were ignored, in words, for the server's log at start. */
  problems: string[];
}

/** ElevenLabs' premade "Rachel", there on every account. */
const ELEVENLABS_DEFAULT_VOICE = "21m00Tcm4TlvDq8Ikt6M";

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

/** `id=Name,id2=Name 2` (a bare `id` is named by itself). */
function namedList(value: string | undefined): Record<string, string> {
  return Object.fromEntries(
    list(value).map((item) => {
      const [id = "", ...name] = item.split("=");
      return [id.trim(), name.join("=").trim() || id.trim()];
    }),
  );
}

/**
 * Reads the providers' keys and settings. A cloud provider is configured by its key (OpenAI-compatible servers also
 * by a base URL alone: self-hosted ones often need no key); the offline engines are always there. The deployment's
 * defaults (`VOICE_STT_PROVIDER`, `VOICE_TTS_PROVIDER`, `VOICE_TTS_VOICE`) must name known providers, or they are
 * ignored and reported in `problems`.
 */
export function voiceProviderConfig(environment: Readonly<Record<string, string | undefined>> = process.env): VoiceProviderConfig {
  const unavailable: Record<string, string> = {};
  const problems: string[] = [];
  const config: VoiceProviderConfig = { defaults: { speechToText: "local", textToSpeech: "local" }, unavailable, problems };

  if (environment.OPENAI_API_KEY || environment.OPENAI_BASE_URL) {
    const voices = list(environment.OPENAI_TTS_VOICES);
    config.openai = {
      baseUrl: environment.OPENAI_BASE_URL || OPENAI_BASE_URL,
      ...(environment.OPENAI_API_KEY ? { apiKey: environment.OPENAI_API_KEY } : {}),
      speechToTextModel: environment.OPENAI_STT_MODEL || "gpt-4o-mini-transcribe",
      textToSpeechModel: environment.OPENAI_TTS_MODEL || "gpt-4o-mini-tts",
      voice: environment.OPENAI_TTS_VOICE || voices[0] || "alloy",
      ...(voices.length > 0 ? { voices } : {}),
    };
  } else unavailable.openai = "Set OPENAI_API_KEY (or OPENAI_BASE_URL for a self-hosted server) to use it";

  if (environment.DEEPGRAM_API_KEY) {
    config.deepgram = {
      ...(environment.DEEPGRAM_BASE_URL ? { baseUrl: environment.DEEPGRAM_BASE_URL } : {}),
      apiKey: environment.DEEPGRAM_API_KEY,
      model: environment.DEEPGRAM_MODEL || "nova-3",
    };
  } else unavailable.deepgram = "Set DEEPGRAM_API_KEY to use it";

  if (environment.ELEVENLABS_API_KEY) {
    const voices = namedList(environment.ELEVENLABS_VOICES);
    const voiceId = environment.ELEVENLABS_VOICE_ID || Object.keys(voices)[0] || ELEVENLABS_DEFAULT_VOICE;
    config.elevenlabs = {
      ...(environment.ELEVENLABS_BASE_URL ? { baseUrl: environment.ELEVENLABS_BASE_URL } : {}),
      apiKey: environment.ELEVENLABS_API_KEY,
      model: environment.ELEVENLABS_MODEL || "eleven_flash_v2_5",
      voiceId,
      voices: voiceId === ELEVENLABS_DEFAULT_VOICE && !voices[voiceId] ? { ...voices, [voiceId]: "Rachel" } : voices,
    };
  } else unavailable.elevenlabs = "Set ELEVENLABS_API_KEY to use it";

  const sttDefault = environment.VOICE_STT_PROVIDER;
  if (sttDefault) {
    if ((SPEECH_TO_TEXT_PROVIDERS as readonly string[]).includes(sttDefault)) config.defaults.speechToText = sttDefault;
    else problems.push(`VOICE_STT_PROVIDER=${sttDefault} is not one of ${SPEECH_TO_TEXT_PROVIDERS.join(", ")}: using local`);
  }
  const ttsDefault = environment.VOICE_TTS_PROVIDER;
  if (ttsDefault) {
    if ((TEXT_TO_SPEECH_PROVIDERS as readonly string[]).includes(ttsDefault)) config.defaults.textToSpeech = ttsDefault;
    else problems.push(`VOICE_TTS_PROVIDER=${ttsDefault} is not one of ${TEXT_TO_SPEECH_PROVIDERS.join(", ")}: using local`);
  }
  const voice = environment.VOICE_TTS_VOICE;
  if (voice) {
    const provider = providerOfVoice(voice);
    if (provider === undefined) problems.push(`VOICE_TTS_VOICE=${voice} is no provider's voice (e.g. espeak:en-us, openai:alloy): ignored`);
    else {
      if (ttsDefault && ttsDefault !== provider)
        problems.push(`VOICE_TTS_VOICE=${voice} is a ${provider} voice: it decides, not VOICE_TTS_PROVIDER`);
      config.defaults = { ...config.defaults, textToSpeech: provider, voice };
    }
  }
  for (const [name, provider] of [
    ["VOICE_STT_PROVIDER", config.defaults.speechToText],
    ["VOICE_TTS_PROVIDER", config.defaults.textToSpeech],
  ] as const) {
    if (unavailable[provider]) problems.push(`${name}=${provider}, but ${unavailable[provider]}: using local until then`);
  }
  return config;
}
