/** Requests to a pocketsphinx thread (stt-worker.ts); `stream` names one utterance being recognised. */
export type SttRequest =
  | { type: "open"; stream: string; expectedPhrases: string[] }
  | { type: "feed"; stream: string; pcm: Uint8Array }
  | { type: "finish"; stream: string }
  | { type: "cancel"; stream: string };

/** Its answers: `open` → skipped words; `feed` → a newer partial or null; `finish` → the final text; `cancel` → null. */
export type SttAnswer = SttOpened | SttPartial | SttFinal | null;
export type SttOpened = { skippedWords: string[] };
export type SttPartial = { partial: string | null; matchedPhrases: string[] };
export type SttFinal = { text: string; matchedPhrases: string[] };
