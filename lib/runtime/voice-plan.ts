import type { FlowGraph } from "../flow/schema";
import type { FlowVoiceSettings } from "../flow/voice-settings";

/** How one Say is spoken on a voice call, when it says (see lib/voice/voice-choice.ts). */
export interface SayVoice {
  voice?: string;
  rate?: number;
}

/** A flow's voice settings as a voice call needs them: the flow's defaults and each Say's own, by node id. */
export interface FlowVoicePlan {
  settings: FlowVoiceSettings;
  says: ReadonlyMap<string, SayVoice>;
}

/** The voice plan of a valid graph (Says that set nothing are left out). */
export function voicePlanOf(graph: FlowGraph): FlowVoicePlan {
  const says = new Map<string, SayVoice>();
  for (const node of graph.nodes) {
    if (node.kind !== "say") continue;
    const { voice, rate } = node.data;
    if (voice === undefined && rate === undefined) continue;
    says.set(node.id, { ...(voice === undefined ? {} : { voice }), ...(rate === undefined ? {} : { rate }) });
  }
  return { settings: graph.voice ?? {}, says };
}
