import { DeepgramSpeechToText } from "./deepgram/deepgram-stt";
import { ElevenLabsTextToSpeech } from "./elevenlabs/elevenlabs-tts";
import { OpenAiSpeechToText } from "./openai/openai-stt";
import { OpenAiTextToSpeech } from "./openai/openai-tts";
import type { VoiceEngines } from "./pipeline/voice-pipeline";
import { ReplyAudioCache } from "./reply-audio-cache";
import type { SpeechToText } from "./speech-to-text";
import type { TextToSpeech } from "./text-to-speech";
import { voiceCatalog, type VoiceProviderCatalog } from "./voice-catalog";
import { voiceProviderConfig, type VoiceDefaults, type VoiceProviderConfig } from "./voice-provider-config";

/** A cloud voice's replies are kept too: each synthesis is a paid request and ~0.5-1 s before the first frame. */
const cachedReplies = (tts: TextToSpeech) => new ReplyAudioCache(tts);

/**
 * The speech providers one server process can use: the offline engines, and each cloud provider whose key its
 * environment has. Shared by every call (cloud providers hold no per-call state; the local ones are pooled).
 */
export class VoiceProviders {
  readonly #speechToText = new Map<string, SpeechToText>();
  readonly #textToSpeech = new Map<string, TextToSpeech>();
  readonly #config: VoiceProviderConfig;
  readonly #local: VoiceEngines;

  constructor(local: VoiceEngines, config: VoiceProviderConfig) {
    this.#config = config;
    this.#local = local;
    this.#speechToText.set("local", local.stt);
    this.#textToSpeech.set("local", local.tts);
    const { openai, deepgram, elevenlabs } = config;
    if (openai) {
      const api = { baseUrl: openai.baseUrl, ...(openai.apiKey ? { apiKey: openai.apiKey } : {}) };
      this.#speechToText.set("openai", new OpenAiSpeechToText({ ...api, model: openai.speechToTextModel }));
      this.#textToSpeech.set(
        "openai",
        cachedReplies(
          new OpenAiTextToSpeech({
            ...api,
            model: openai.textToSpeechModel,
            voice: openai.voice,
            ...(openai.voices ? { voices: openai.voices } : {}),
          }),
        ),
      );
    }
    if (deepgram) this.#speechToText.set("deepgram", new DeepgramSpeechToText(deepgram));
    if (elevenlabs) {
      this.#textToSpeech.set(
        "elevenlabs",
        cachedReplies(
          new ElevenLabsTextToSpeech({
            ...(elevenlabs.baseUrl ? { baseUrl: elevenlabs.baseUrl } : {}),
            apiKey: elevenlabs.apiKey,
            modelId: elevenlabs.model,
            voiceId: elevenlabs.voiceId,
            voices: elevenlabs.voices,
          }),
        ),
      );
    }
  }

  /** The engines a call uses when nothing is chosen: the offline ones (and VAD, which is always local). */
  get local(): VoiceEngines {
    return this.#local;
  }

  /** The deployment's defaults, as the environment names them (they may name a provider this server lacks). */
  get defaults(): VoiceDefaults {
    return this.#config.defaults;
  }

  /** The recogniser `id` names, when this server has it. */
  speechToText(id: string): SpeechToText | undefined {
    return this.#speechToText.get(id);
  }

  /** The speech provider `id` names, when this server has it. */
  textToSpeech(id: string): TextToSpeech | undefined {
    return this.#textToSpeech.get(id);
  }

  /** Why `id` is not usable here, in words, or undefined when it is (or is no provider). */
  unavailableReason(id: string): string | undefined {
    return this.#config.unavailable[id];
  }

  /** What `GET /api/voice/providers` answers for this server. */
  catalog(): VoiceProviderCatalog {
    return voiceCatalog(this.#config, { voices: this.#local.tts.voices });
  }
}

/** The providers of a server: its offline engines and the cloud ones its environment has keys for. */
export function voiceProvidersFromEnvironment(
  local: VoiceEngines,
  environment: Readonly<Record<string, string | undefined>> = process.env,
  log: (line: string) => void = (line) => console.warn(line),
): VoiceProviders {
  const config = voiceProviderConfig(environment);
  for (const problem of config.problems) log(`[voice] ${problem}`);
  return new VoiceProviders(local, config);
}
