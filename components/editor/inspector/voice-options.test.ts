import { describe, expect, it } from "vitest";
import { voiceCatalog } from "@/lib/voice/voice-catalog";
import { localVoices } from "@/lib/voice/local-voices";
import { voiceProviderConfig } from "@/lib/voice/voice-provider-config";
import {
  flowDefaultVoice,
  flowRecogniser,
  languageOptions,
  languageProblem,
  recogniserProblem,
  voiceGroups,
  voiceProblem,
} from "./voice-options";

const offline = voiceCatalog(voiceProviderConfig({}), { voices: localVoices(true) });
const withOpenAi = voiceCatalog(voiceProviderConfig({ OPENAI_API_KEY: "sk" }), { voices: localVoices(true) });

describe("the voice pickers' choices", () => {
  it("lists every provider's voices by name, those of providers without a key disabled", () => {
    const groups = voiceGroups(offline, undefined);
    expect(groups.map((group) => group.label)).toEqual(["Offline (this server)", "OpenAI-compatible (not set up on this server)"]);
    expect(groups[0]!.options).toEqual([
      { value: "piper:en_US-joe-medium", label: "Joe (neural, offline)", disabled: false },
      { value: "espeak:en-us", label: "eSpeak (robotic, offline)", disabled: false },
    ]);
    expect(groups[1]!.options.every((option) => option.disabled)).toBe(true);
    expect(voiceGroups(withOpenAi, undefined)[1]!.options.find((option) => option.value === "openai:nova")).toEqual({
      value: "openai:nova",
      label: "Nova (OpenAI-compatible)",
      disabled: false,
    });
  });

  it("keeps a stored voice choosable, and says in words why it will not speak here", () => {
    const groups = voiceGroups(offline, "elevenlabs:abc");
    expect(groups.at(-1)).toEqual({
      label: "ElevenLabs (not set up on this server)",
      options: [{ value: "elevenlabs:abc", label: "abc (ElevenLabs)", disabled: false }],
    });
    expect(voiceProblem(offline, "elevenlabs:abc", "the flow's voice")).toBe(
      "ElevenLabs is not set up on this server: the flow's voice speaks instead. Set ELEVENLABS_API_KEY to use it.",
    );
    expect(voiceGroups(offline, "acme:x").at(-1)?.label).toBe("Other");
    expect(voiceProblem(offline, "acme:x", "the flow's voice")).toBe(
      "No speech provider offers “acme:x”: the flow's voice speaks instead.",
    );
    expect(voiceProblem(offline, "espeak:en-us", "the flow's voice")).toBeNull();
  });

  it("names what a node that chooses nothing gets: the flow's choice when usable, else the server's", () => {
    expect(flowDefaultVoice(offline, undefined)).toBe("piper:en_US-joe-medium");
    expect(flowDefaultVoice(offline, { voice: "espeak:en-us" })).toBe("espeak:en-us");
    expect(flowDefaultVoice(offline, { voice: "openai:nova" })).toBe("piper:en_US-joe-medium");
    expect(flowDefaultVoice(withOpenAi, { textToSpeech: "openai" })).toBe("openai:alloy");
    expect(flowRecogniser(offline, { speechToText: "deepgram" }).id).toBe("local");
    expect(recogniserProblem(offline, { speechToText: "deepgram" })).toBe(
      "Deepgram is not set up on this server: Offline (this server) listens instead. Set DEEPGRAM_API_KEY to use it.",
    );
  });

  it("offers the recogniser's languages, keeps one it lacks, and warns about it", () => {
    const local = flowRecogniser(offline, undefined);
    expect(languageOptions(offline, local, "fr-FR")).toEqual([
      { value: "en-US", label: "American English", disabled: false },
      { value: "fr-FR", label: "French (France) (not offered)", disabled: false },
    ]);
    expect(languageProblem(local, "fr-FR")).toBe(
      "Offline (this server) does not recognise this language: callers are heard as American English.",
    );
    expect(languageProblem(flowRecogniser(withOpenAi, { speechToText: "openai" }), "fr-FR")).toBeNull();
  });
});
