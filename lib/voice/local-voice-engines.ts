import type { VoiceEngines } from "./pipeline/voice-pipeline";
import { LocalTextToSpeech } from "./piper/local-tts";
import { PocketsphinxSpeechToText } from "./pocketsphinx/pocketsphinx-stt";
import { SileroVoiceActivityDetector } from "./silero/silero-vad";
import { ReplyAudioCache } from "./reply-audio-cache";

/**
 * Requests each engine's pool takes before refusing. A call has at most one request of each engine in flight (the
 * pipeline runs a call's audio in order, and batches frames that queue up), so the bound is on calls, not on work:
 * the pools' default (8 a thread, 16 on two cores) refused caller audio past 16 voice calls (they went deaf) and
 * spoke replies and goodbyes as silence when 17 came at once (measured by bench:voice).
 */
const MAX_PENDING_PER_ENGINE = 2_000;

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
    vad = new SileroVoiceActivityDetector({ maxPending: MAX_PENDING_PER_ENGINE });
  } catch (error) {
    log(`[voice] voice calls are off: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  const tts = new ReplyAudioCache(new LocalTextToSpeech({ log, maxPending: MAX_PENDING_PER_ENGINE }));
  const stt = new PocketsphinxSpeechToText({ maxPending: MAX_PENDING_PER_ENGINE });
  return {
    stt,
    tts,
    vad,
    close: async () => {
      await Promise.all([stt.close(), tts.close(), vad.close()]);
    },
  };
}
