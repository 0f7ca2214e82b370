/** A request to a TTS thread (tts-worker.ts): one sentence, spoken by the Piper voice or by espeak-ng alone. */
export type TtsRequest = { type: "sentence"; voice: "piper" | "espeak"; text: string; rate: number };

/** The sentence as 16 kHz mono PCM16. */
export type TtsAnswer = { pcm: Int16Array };
