import { afterAll, describe, expect, it } from "vitest";
import type { Reply } from "../runtime/outputs";
import type { FlowVoicePlan } from "../runtime/voice-plan";
import { LocalTextToSpeech } from "./piper/local-tts";
import { PocketsphinxSpeechToText } from "./pocketsphinx/pocketsphinx-stt";
import { SileroVoiceActivityDetector } from "./silero/silero-vad";
import { voiceChoiceFor } from "./voice-choice";
import { voiceProviderConfig } from "./voice-provider-config";
import { VoiceProviders } from "./voice-providers";

/* The offline engines start their threads on first use; nothing here speaks or listens, so none start. */
const local = {
  stt: new PocketsphinxSpeechToText({ threads: 1 }),
  tts: new LocalTextToSpeech({ threads: 1 }),
  vad: new SileroVoiceActivityDetector({ threads: 1 }),
};
afterAll(() => Promise.all([local.stt.close(), local.tts.close(), local.vad.close()]));

const reply = (nodeId?: string): Reply => ({ type: "reply", text: "Hello.", ...(nodeId === undefined ? {} : { nodeId }) });

describe("the voice providers of a server, from its environment", () => {
  it("has only the offline engines without keys, and says what to set for each cloud provider", () => {
    const config = voiceProviderConfig({});
    expect(config.openai).toBeUndefined();
    expect(config.unavailable).toEqual({
      openai: "Set OPENAI_API_KEY (or OPENAI_BASE_URL for a self-hosted server) to use it",
      deepgram: "Set DEEPGRAM_API_KEY to use it",
      elevenlabs: "Set ELEVENLABS_API_KEY to use it",
    });
    const catalog = new VoiceProviders(local, config).catalog();
    expect(catalog.speechToText.map(({ id, available }) => ({ id, available }))).toEqual([
      { id: "local", available: true },
      { id: "deepgram", available: false },
      { id: "openai", available: false },
    ]);
    expect(catalog.textToSpeech[0]!.voices).toEqual([
      { id: "piper:en_US-joe-medium", name: "Joe (neural, offline)", language: "en-US" },
      { id: "espeak:en-us", name: "eSpeak (robotic, offline)", language: "en-US" },
    ]);
    expect(catalog.speechToText[0]!.languages).toEqual([{ tag: "en-US", name: "American English" }]);
    expect(catalog.defaults).toEqual({ speechToText: "local", textToSpeech: "local", voice: "piper:en_US-joe-medium", language: "en-US" });
  });

  it("takes a self-hosted OpenAI-compatible server by its base URL alone, with its own voice names", () => {
    const config = voiceProviderConfig({ OPENAI_BASE_URL: "http://127.0.0.1:8000/v1", OPENAI_TTS_VOICES: "af_heart, am_adam" });
    expect(config.openai).toEqual({
      baseUrl: "http://127.0.0.1:8000/v1",
      speechToTextModel: "gpt-4o-mini-transcribe",
      textToSpeechModel: "gpt-4o-mini-tts",
      voice: "af_heart",
      voices: ["af_heart", "am_adam"],
    });
    const openai = new VoiceProviders(local, config).catalog().textToSpeech.find((offer) => offer.id === "openai")!;
    expect(openai.available).toBe(true);
    expect(openai.voices.map((voice) => voice.id)).toEqual(["openai:af_heart", "openai:am_adam"]);
  });

  it("uses the deployment's defaults when they name a provider it has, and reports those it cannot use", () => {
    const config = voiceProviderConfig({
      ELEVENLABS_API_KEY: "xi-key",
      ELEVENLABS_VOICES: "voice1=Ada,voice2=Bo",
      VOICE_TTS_VOICE: "elevenlabs:voice2",
      VOICE_STT_PROVIDER: "deepgram",
    });
    expect(config.defaults).toEqual({ speechToText: "deepgram", textToSpeech: "elevenlabs", voice: "elevenlabs:voice2" });
    expect(config.problems).toEqual(["VOICE_STT_PROVIDER=deepgram, but Set DEEPGRAM_API_KEY to use it: using local until then"]);
    const catalog = new VoiceProviders(local, config).catalog();
    expect(catalog.defaults).toMatchObject({ speechToText: "local", textToSpeech: "elevenlabs", voice: "elevenlabs:voice2" });
    expect(catalog.textToSpeech.find((offer) => offer.id === "elevenlabs")!.voices.map((voice) => voice.name)).toEqual([
      "Ada (ElevenLabs)",
      "Bo (ElevenLabs)",
    ]);
    expect(voiceProviderConfig({ VOICE_TTS_PROVIDER: "acme" }).problems).toEqual([
      "VOICE_TTS_PROVIDER=acme is not one of local, openai, elevenlabs: using local",
    ]);
  });
});

describe("a call's choice of voices", () => {
  const providers = new VoiceProviders(local, voiceProviderConfig({ OPENAI_API_KEY: "sk-key" }));
  const plan = (settings: FlowVoicePlan["settings"], says: FlowVoicePlan["says"] = new Map()): FlowVoicePlan => ({ settings, says });

  it("speaks a Say's own voice and pace, else the flow's, else the server's", () => {
    const lines: string[] = [];
    const choice = voiceChoiceFor(
      providers,
      plan({ voice: "openai:nova" }, new Map([["robot", { voice: "espeak:en-us", rate: 1.5 }]])),
      (line) => lines.push(line),
    );
    expect(choice.textToSpeech(reply("robot"))).toEqual({ tts: local.tts, voice: "espeak:en-us", rate: 1.5 });
    const flowVoice = choice.textToSpeech(reply("other"));
    expect(flowVoice.tts.name).toBe("openai-compatible:gpt-4o-mini-tts/alloy");
    expect(flowVoice.voice).toBe("openai:nova");
    expect(voiceChoiceFor(providers, undefined, () => undefined).textToSpeech(reply())).toEqual({ tts: local.tts });
    expect(lines).toEqual([]);
  });

  it("passes over a provider the server has no key for, once in the log, and a voice no provider offers", () => {
    const lines: string[] = [];
    const choice = voiceChoiceFor(providers, plan({ speechToText: "deepgram", textToSpeech: "elevenlabs" }), (line) => lines.push(line));
    expect(choice.textToSpeech(reply())).toEqual({ tts: local.tts });
    expect(choice.textToSpeech(reply())).toEqual({ tts: local.tts });
    expect(choice.speechToText(undefined)).toBe(local.stt);
    expect(lines).toEqual([
      "the flow asks for ElevenLabs speech, which this server cannot use (Set ELEVENLABS_API_KEY to use it): using the next choice",
      "the flow asks for Deepgram speech recognition, which this server cannot use (Set DEEPGRAM_API_KEY to use it): using the next choice",
    ]);
    const unknown = voiceChoiceFor(providers, plan({}, new Map([["s", { voice: "acme:bob" }]])), () => undefined);
    expect(unknown.textToSpeech(reply("s"))).toEqual({ tts: local.tts });
    expect(local.tts.voiceFor("acme:bob")).toBe("piper:en_US-joe-medium");
  });

  it("hears a flow's turns with the recogniser it names when the server has it", () => {
    const choice = voiceChoiceFor(providers, plan({ speechToText: "openai" }), () => undefined);
    expect(choice.speechToText(undefined).name).toBe("openai-compatible:gpt-4o-mini-transcribe");
  });
});
