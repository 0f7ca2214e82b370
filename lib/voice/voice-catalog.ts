import { VOICE_PROVIDER_NAMES } from "../flow/voice-settings";
import { CLOUD_SPEECH_LANGUAGES } from "./cloud-languages";
import { elevenLabsVoices } from "./elevenlabs/elevenlabs-tts";
import { openAiVoices, OPENAI_VOICES } from "./openai/openai-tts";
import type { VoiceDescription } from "./text-to-speech";
import type { VoiceProviderConfig } from "./voice-provider-config";

/** A language a recogniser understands, with its name in words ("American English"). */
export interface LanguageOption {
  tag: string;
  name: string;
}

/** One speech recogniser, as `GET /api/voice/providers` describes it. */
export interface SpeechToTextOffer {
  id: string;
  name: string;
  /** Whether this server can use it (it has the key); otherwise `unavailableReason` says what to set. */
  available: boolean;
  unavailableReason?: string;
  /** Partial transcripts while the caller speaks. */
  streaming: boolean;
  sampleRates: number[];
  languages: LanguageOption[];
}

/** One speech provider, as `GET /api/voice/providers` describes it. */
export interface TextToSpeechOffer {
  id: string;
  name: string;
  available: boolean;
  unavailableReason?: string;
  /** The rate it makes audio at (the pipeline resamples to 16 kHz). */
  nativeSampleRate: number;
  /** Its voices, its default first. */
  voices: VoiceDescription[];
}

/** What `GET /api/voice/providers` answers: every known provider, whether this server has it, and its defaults. */
export interface VoiceProviderCatalog {
  speechToText: SpeechToTextOffer[];
  textToSpeech: TextToSpeechOffer[];
  /** What a call uses when its flow names nothing (the deployment's defaults, or the offline engines). */
  defaults: { speechToText: string; textToSpeech: string; voice: string; language: string };
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });
const languages = (tags: readonly string[]): LanguageOption[] => tags.map((tag) => ({ tag, name: languageNames.of(tag) ?? tag }));

/**
 * The catalog of a server with `config` and these local voices (Joe when fetched, eSpeak always). Unavailable cloud
 * providers are listed too, with what their voices would be, so the editor can say what setting them up would give.
 */
export function voiceCatalog(config: VoiceProviderConfig, local: { voices: readonly VoiceDescription[] }): VoiceProviderCatalog {
  const availability = (id: string) =>
    config.unavailable[id] === undefined ? { available: true } : { available: false, unavailableReason: config.unavailable[id] };
  const speechToText: SpeechToTextOffer[] = [
    {
      id: "local",
      name: VOICE_PROVIDER_NAMES.local!,
      available: true,
      streaming: true,
      sampleRates: [16_000],
      languages: languages(["en-US"]),
    },
    {
      id: "deepgram",
      name: VOICE_PROVIDER_NAMES.deepgram!,
      ...availability("deepgram"),
      streaming: true,
      sampleRates: [16_000],
      languages: languages(CLOUD_SPEECH_LANGUAGES),
    },
    {
      id: "openai",
      name: VOICE_PROVIDER_NAMES.openai!,
      ...availability("openai"),
      streaming: false,
      sampleRates: [16_000],
      languages: languages(CLOUD_SPEECH_LANGUAGES),
    },
  ];
  const textToSpeech: TextToSpeechOffer[] = [
    { id: "local", name: VOICE_PROVIDER_NAMES.local!, available: true, nativeSampleRate: 22_050, voices: [...local.voices] },
    {
      id: "openai",
      name: VOICE_PROVIDER_NAMES.openai!,
      ...availability("openai"),
      nativeSampleRate: 24_000,
      voices: config.openai ? openAiVoices(config.openai.voice, config.openai.voices) : openAiVoices("alloy", OPENAI_VOICES),
    },
    {
      id: "elevenlabs",
      name: VOICE_PROVIDER_NAMES.elevenlabs!,
      ...availability("elevenlabs"),
      nativeSampleRate: 16_000,
      voices: config.elevenlabs ? elevenLabsVoices(config.elevenlabs.voiceId, config.elevenlabs.voices) : [],
    },
  ];
  const usable = (offers: { id: string; available: boolean }[], id: string) =>
    offers.find((offer) => offer.id === id)?.available ? id : "local";
  const ttsDefault = usable(textToSpeech, config.defaults.textToSpeech);
  const ttsVoices = textToSpeech.find((offer) => offer.id === ttsDefault)!.voices;
  const voice = ttsVoices.find((candidate) => candidate.id === config.defaults.voice)?.id ?? ttsVoices[0]?.id ?? "espeak:en-us";
  return {
    speechToText,
    textToSpeech,
    defaults: { speechToText: usable(speechToText, config.defaults.speechToText), textToSpeech: ttsDefault, voice, language: "en-US" },
  };
}
