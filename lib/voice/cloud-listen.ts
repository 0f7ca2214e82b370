import { SAMPLE_RATE } from "./audio/pcm";
import { phraseWords } from "./pocketsphinx/listen-grammar";
import type { ListenOptions } from "./speech-to-text";
import { VoiceInputError } from "./voice-errors";

/**
 * What a cloud STT needs from a listen's options: the rate checked (they all take 16 kHz here), the expected phrases
 * with their words (for matching them in the transcript), and the language as the vendors name it ("en").
 */
export function cloudListen(provider: string, options: ListenOptions) {
  const sampleRate = options.sampleRate ?? SAMPLE_RATE;
  if (sampleRate !== SAMPLE_RATE)
    throw new VoiceInputError("sample-rate", `${provider} takes ${SAMPLE_RATE} Hz audio (got ${sampleRate} Hz): resample it first`);
  const expected = (options.expectedPhrases ?? [])
    .map((phrase) => ({ phrase, words: phraseWords(phrase) }))
    .filter(({ words }) => words.length > 0);
  const language = (options.language ?? "en-US").split("-")[0] || "en";
  return { expected, language };
}
