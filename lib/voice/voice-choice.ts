import { providerOfVoice, VOICE_PROVIDER_NAMES } from "../flow/voice-settings";
import type { ListenHints } from "../runtime/listen-hints";
import type { Reply } from "../runtime/outputs";
import type { FlowVoicePlan } from "../runtime/voice-plan";
import type { SpeechToText } from "./speech-to-text";
import type { TextToSpeech } from "./text-to-speech";
import type { VoiceProviders } from "./voice-providers";

/** Who speaks one reply, in which voice and at what pace. */
export interface ChosenSpeech {
  tts: TextToSpeech;
  /** A voice of `tts` (its default when unset). */
  voice?: string;
  rate?: number;
}

/** Which engines hear each turn and speak each reply of one call (the pipeline asks per turn and per reply). */
export interface VoiceChoice {
  speechToText(hints: ListenHints | undefined): SpeechToText;
  textToSpeech(reply: Reply): ChosenSpeech;
}

/** One level of the choice: what the Say, the flow or the deployment names, and where that was said. */
interface Wish {
  provider: string | undefined;
  voice?: string;
  from: string;
}

/**
 * A call's choice of engines: for replies, the Say's voice, then the flow's voice or speech provider, then the
 * deployment's (VOICE_TTS_PROVIDER / VOICE_TTS_VOICE), then the offline voice; for turns, the flow's recogniser, then
 * the deployment's (VOICE_STT_PROVIDER), then the offline one. A level naming a provider this server lacks (no key) or
 * does not know is passed over, and the call's log says so once per provider; the call goes on.
 */
export function voiceChoiceFor(providers: VoiceProviders, plan: FlowVoicePlan | undefined, log: (line: string) => void): VoiceChoice {
  const warned = new Set<string>();
  const passOver = (wish: Wish, kind: string) => {
    const key = `${kind}:${wish.provider}`;
    if (wish.provider === undefined || warned.has(key)) return;
    warned.add(key);
    const why = providers.unavailableReason(wish.provider) ?? "Switchboard does not know it";
    log(
      `${wish.from} asks for ${VOICE_PROVIDER_NAMES[wish.provider] ?? wish.provider} ${kind}, which this server cannot use (${why}): using the next choice`,
    );
  };
  const settings = plan?.settings ?? {};
  const { defaults } = providers;

  const recogniserWishes: Wish[] = [
    { provider: settings.speechToText, from: "the flow" },
    { provider: defaults.speechToText, from: "the server's default" },
  ];
  let recogniser: SpeechToText | undefined;
  const speechToText = (): SpeechToText => {
    if (recogniser) return recogniser;
    for (const wish of recogniserWishes) {
      if (wish.provider === undefined) continue;
      const found = providers.speechToText(wish.provider);
      if (found) return (recogniser = found);
      passOver(wish, "speech recognition");
    }
    return (recogniser = providers.local.stt);
  };

  const flowWish: Wish = {
    provider: settings.voice === undefined ? settings.textToSpeech : providerOfVoice(settings.voice),
    ...(settings.voice === undefined ? {} : { voice: settings.voice }),
    from: "the flow",
  };
  const deploymentWish: Wish = {
    provider: defaults.textToSpeech,
    ...(defaults.voice === undefined ? {} : { voice: defaults.voice }),
    from: "the server's default",
  };
  return {
    speechToText,
    textToSpeech(reply) {
      const say = reply.nodeId === undefined ? undefined : plan?.says.get(reply.nodeId);
      const wishes: Wish[] = [
        ...(say?.voice === undefined ? [] : [{ provider: providerOfVoice(say.voice), voice: say.voice, from: `the Say ${reply.nodeId}` }]),
        flowWish,
        deploymentWish,
      ];
      const rate = say?.rate === undefined ? {} : { rate: say.rate };
      for (const wish of wishes) {
        if (wish.provider === undefined) continue;
        const tts = providers.textToSpeech(wish.provider);
        if (tts) return { tts, ...(wish.voice === undefined ? {} : { voice: wish.voice }), ...rate };
        passOver(wish, "speech");
      }
      return { tts: providers.local.tts, ...rate };
    },
  };
}
