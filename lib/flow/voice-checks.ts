import { flowWarning, type FlowIssue } from "./issues";
import type { FlowGraph } from "./schema";
import { providerOfVoice, SPEECH_TO_TEXT_PROVIDERS, TEXT_TO_SPEECH_PROVIDERS, VOICE_PROVIDER_NAMES } from "./voice-settings";

const listOf = (ids: readonly string[]) => ids.map((id) => `${VOICE_PROVIDER_NAMES[id] ?? id} (${id})`).join(", ");

/**
 * Voice settings naming a provider or voice Switchboard does not know. Warnings, not errors: the flow still runs,
 * on the next choice down (the flow's default, the server's, then the offline engines). Whether this server has the
 * key of a known provider is the server's to say (GET /api/voice/providers); the editor warns about that itself.
 */
export function voiceSettingIssues(graph: FlowGraph, prefix = ""): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const settings = graph.voice;
  if (settings?.speechToText !== undefined && !(SPEECH_TO_TEXT_PROVIDERS as readonly string[]).includes(settings.speechToText)) {
    issues.push(
      flowWarning(
        "voice.unknown_provider",
        `“${settings.speechToText}” is not a speech recogniser Switchboard knows; voice calls use the server's default. Known: ${listOf(SPEECH_TO_TEXT_PROVIDERS)}`,
        { pointer: `${prefix}/voice/speechToText` },
      ),
    );
  }
  if (settings?.textToSpeech !== undefined && !(TEXT_TO_SPEECH_PROVIDERS as readonly string[]).includes(settings.textToSpeech)) {
    issues.push(
      flowWarning(
        "voice.unknown_provider",
        `“${settings.textToSpeech}” is not a speech provider Switchboard knows; voice calls use the server's default. Known: ${listOf(TEXT_TO_SPEECH_PROVIDERS)}`,
        { pointer: `${prefix}/voice/textToSpeech` },
      ),
    );
  }
  if (settings?.voice !== undefined && providerOfVoice(settings.voice) === undefined) {
    issues.push(unknownVoice(settings.voice, { pointer: `${prefix}/voice/voice` }, "the flow's speech provider's default voice"));
  }
  graph.nodes.forEach((node, index) => {
    if (node.kind !== "say" || node.data.voice === undefined || providerOfVoice(node.data.voice) !== undefined) return;
    issues.push(unknownVoice(node.data.voice, { pointer: `${prefix}/nodes/${index}/data/voice`, nodeId: node.id }, "the flow's voice"));
  });
  return issues;
}

function unknownVoice(voice: string, where: { pointer: string; nodeId?: string }, instead: string): FlowIssue {
  return flowWarning(
    "voice.unknown_voice",
    `No speech provider offers the voice “${voice}”; replies are spoken with ${instead} instead`,
    where,
  );
}
