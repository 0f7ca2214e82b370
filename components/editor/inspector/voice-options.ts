import { DEFAULT_LANGUAGE, providerOfVoice, type FlowVoiceSettings } from "@/lib/flow";
import type { SpeechToTextOffer, VoiceProviderCatalog } from "@/lib/voice/voice-catalog";

/** One choice in a picker: its stored value, its name in words, and whether this server can use it. */
export interface PickerOption {
  value: string;
  label: string;
  disabled: boolean;
}

/** Options under a heading (an `<optgroup>`): one provider's voices. */
export interface PickerGroup {
  label: string;
  options: PickerOption[];
}

const NOT_SET_UP = "not set up on this server";

/** What whoever runs the server would set, as a last sentence ("Set DEEPGRAM_API_KEY to use it."). */
const adminHint = (reason: string | undefined) => (reason === undefined ? "" : ` ${reason}.`);

/** A voice's name in words ("Joe (neural, offline)"), or its id when no provider lists it. */
export function voiceName(catalog: VoiceProviderCatalog, voiceId: string): string {
  for (const offer of catalog.textToSpeech) {
    const voice = offer.voices.find((candidate) => candidate.id === voiceId);
    if (voice) return voice.name;
  }
  return voiceId;
}

/**
 * Every provider's voices, grouped; those of providers this server cannot use are listed but disabled, except the one
 * stored (so the picker shows it). A stored id no provider lists is kept as a choice of its own.
 */
export function voiceGroups(catalog: VoiceProviderCatalog, current: string | undefined): PickerGroup[] {
  const listed = catalog.textToSpeech.some((offer) => offer.voices.some((voice) => voice.id === current));
  const stored = current !== undefined && !listed ? current : undefined;
  const groups = catalog.textToSpeech.map((offer) => {
    const options = offer.voices.map((voice) => ({
      value: voice.id,
      label: voice.name,
      disabled: !offer.available && voice.id !== current,
    }));
    // A stored voice of a provider that does not list it (no key here, or another account's voice) stays choosable.
    if (stored !== undefined && providerOfVoice(stored) === offer.id)
      options.push({ value: stored, label: `${stored.slice(stored.indexOf(":") + 1)} (${offer.name})`, disabled: false });
    return { label: offer.available ? offer.name : `${offer.name} (${NOT_SET_UP})`, options };
  });
  if (stored !== undefined && providerOfVoice(stored) === undefined)
    groups.push({ label: "Other", options: [{ value: stored, label: `${stored} (unknown voice)`, disabled: false }] });
  return groups.filter((group) => group.options.length > 0);
}

/** Why `voiceId` will not speak on this server, in words, or null when it will. `instead` names what speaks then. */
export function voiceProblem(catalog: VoiceProviderCatalog, voiceId: string | undefined, instead: string): string | null {
  if (voiceId === undefined) return null;
  const provider = providerOfVoice(voiceId);
  const offer = catalog.textToSpeech.find((candidate) => candidate.id === provider);
  if (!offer) return `No speech provider offers “${voiceId}”: ${instead} speaks instead.`;
  if (!offer.available) return `${offer.name} is ${NOT_SET_UP}: ${instead} speaks instead.${adminHint(offer.unavailableReason)}`;
  if (!offer.voices.some((voice) => voice.id === voiceId))
    return `${offer.name} here has no voice “${voiceId}”: its default voice speaks instead.`;
  return null;
}

/** The voice a Say that names none speaks with: the flow's when this server can use it, else the server's default. */
export function flowDefaultVoice(catalog: VoiceProviderCatalog, flow: FlowVoiceSettings | undefined): string {
  if (flow?.voice !== undefined && voiceProblem(catalog, flow.voice, "") === null) return flow.voice;
  if (flow?.voice === undefined && flow?.textToSpeech !== undefined) {
    const offer = catalog.textToSpeech.find((candidate) => candidate.id === flow.textToSpeech && candidate.available);
    if (offer?.voices[0]) return offer.voices[0].id;
  }
  return catalog.defaults.voice;
}

/** The recogniser a flow's calls use: the flow's when this server can use it, else the server's default. */
export function flowRecogniser(catalog: VoiceProviderCatalog, flow: FlowVoiceSettings | undefined): SpeechToTextOffer {
  const usable = (id: string | undefined) => catalog.speechToText.find((offer) => offer.id === id && offer.available);
  return usable(flow?.speechToText) ?? usable(catalog.defaults.speechToText) ?? catalog.speechToText[0]!;
}

/** Why the flow's recogniser choice will not be used, in words, or null. */
export function recogniserProblem(catalog: VoiceProviderCatalog, flow: FlowVoiceSettings | undefined): string | null {
  const wanted = flow?.speechToText;
  if (wanted === undefined) return null;
  const offer = catalog.speechToText.find((candidate) => candidate.id === wanted);
  const instead = flowRecogniser(catalog, flow).name;
  if (!offer) return `“${wanted}” is not a speech recogniser Switchboard knows: ${instead} listens instead.`;
  if (!offer.available) return `${offer.name} is ${NOT_SET_UP}: ${instead} listens instead.${adminHint(offer.unavailableReason)}`;
  return null;
}

/** A language's name in words, from the recognisers' lists, or its tag. */
export function languageName(catalog: VoiceProviderCatalog, tag: string): string {
  for (const offer of catalog.speechToText) {
    const language = offer.languages.find((candidate) => candidate.tag === tag);
    if (language) return language.name;
  }
  return tag;
}

/** The languages `recogniser` offers, and the stored one when it does not (so the picker shows it). */
export function languageOptions(catalog: VoiceProviderCatalog, recogniser: SpeechToTextOffer, current: string | undefined): PickerOption[] {
  const options = recogniser.languages.map((language) => ({ value: language.tag, label: language.name, disabled: false }));
  if (current !== undefined && !options.some((option) => option.value === current))
    options.push({ value: current, label: `${languageName(catalog, current)} (not offered)`, disabled: false });
  return options;
}

/** Why `language` will not be recognised, in words, or null. */
export function languageProblem(recogniser: SpeechToTextOffer, language: string | undefined): string | null {
  if (language === undefined || recogniser.languages.some((candidate) => candidate.tag === language)) return null;
  const first = recogniser.languages[0]?.name ?? DEFAULT_LANGUAGE;
  return `${recogniser.name} does not recognise this language: callers are heard as ${first}.`;
}
