import type { VoiceDescription } from "./text-to-speech";
import { piperVoiceFiles, PIPER_VOICE } from "./voice-assets";

/** Which local voice: the Piper neural voice (espeak-ng when it is missing), or espeak-ng alone. */
export type LocalVoice = "piper" | "espeak";

/** The local voices as flows name them (lib/flow/voice-settings.ts). */
export const LOCAL_VOICES = {
  piper: { id: `piper:${PIPER_VOICE.name}`, name: "Joe (neural, offline)", language: "en-US" },
  espeak: { id: "espeak:en-us", name: "eSpeak (robotic, offline)", language: "en-US" },
} as const satisfies Record<LocalVoice, VoiceDescription>;

/** The local voices a server has: Joe once fetched (npm run voices:fetch), eSpeak always; the default first. */
export function localVoices(piperInstalled: boolean, preferred: LocalVoice = "piper"): VoiceDescription[] {
  if (!piperInstalled) return [LOCAL_VOICES.espeak];
  return preferred === "piper" ? [LOCAL_VOICES.piper, LOCAL_VOICES.espeak] : [LOCAL_VOICES.espeak, LOCAL_VOICES.piper];
}

/** The local voices of this machine, without starting an engine (the editor's `GET /api/voice/providers`). */
export function installedLocalVoices(): VoiceDescription[] {
  return localVoices(piperVoiceFiles() !== null);
}
