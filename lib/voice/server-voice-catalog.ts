import { installedLocalVoices } from "./local-voices";
import { voiceCatalog, type VoiceProviderCatalog } from "./voice-catalog";
import { voiceProviderConfig } from "./voice-provider-config";

/**
 * This server's catalog, from its environment and the voices fetched to this machine: what the runtime's
 * VoiceProviders holds, read without starting an engine (the editor runs on a thread of its own).
 */
export function serverVoiceCatalog(environment: Readonly<Record<string, string | undefined>> = process.env): VoiceProviderCatalog {
  return voiceCatalog(voiceProviderConfig(environment), { voices: installedLocalVoices() });
}
