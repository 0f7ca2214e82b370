import type { VoiceEngines } from "./pipeline/voice-pipeline";
import { LocalTextToSpeech } from "./piper/local-tts";
import { PocketsphinxSpeechToText } from "./pocketsphinx/pocketsphinx-stt";
import { SileroVoiceActivityDetector } from "./silero/silero-vad";

/**
 * The offline engines a server answers voice calls with, or null (with the reason logged) when they cannot run
 * here: voice handshakes are then refused with `audio_unavailable`, and text calls go on. Their threads start with
 * the first voice call, so a server that only ever takes text pays nothing for them.
 */
export function localVoiceEngines(
  log: (line: string) => void = (line) => console.warn(line),
): (VoiceEngines & { close(): Promise<void> }) | null {
  let vad: SileroVoiceActivityDetector;
  try {
    vad = new SileroVoiceActivityDetector();
  } catch (error) {
    log(`[voice] voice calls are off: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  const tts = new LocalTextToSpeech({ log });
  const stt = new PocketsphinxSpeechToText();
  return {
    stt,
    tts,
    vad,
    close: async () => {
      await Promise.all([stt.close(), tts.close(), vad.close()]);
    },
  };
}
