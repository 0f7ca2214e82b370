/** What a TTS provider can do. */
export interface TextToSpeechCapabilities {
  /** Audio arrives sentence by sentence, before the whole reply is synthesised. */
  streaming: boolean;
  /** The rate of the frames it yields (the pipeline's is 16 kHz). */
  sampleRate: number;
  languages: readonly string[];
  /** The voice's own rate before resampling, for the record. */
  nativeSampleRate: number;
}

/** How to say one reply. */
export interface SpeakOptions {
  /** 1 is the voice's normal pace; 1.25 is 25% faster. */
  rate?: number;
  /** Aborting stops synthesis after the sentence in progress; frames already yielded stay yielded. */
  signal?: AbortSignal;
}

/** A text-to-speech provider: text in, 20 ms frames of 16 kHz mono PCM16 out, sentence by sentence. */
export interface TextToSpeech {
  readonly name: string;
  readonly capabilities: TextToSpeechCapabilities;
  /** Frames of `text`, each FRAME_SAMPLES long; the first arrives once the first sentence is synthesised. */
  speak(text: string, options?: SpeakOptions): AsyncIterable<Int16Array>;
  close(): Promise<void>;
}

/**
 * The sentences of a reply, each with its closing punctuation: the unit of synthesis, so the caller hears the first
 * sentence while the next is made. Abbreviations like "Dr." may split a sentence early: harmless, a short pause.
 */
export function splitSentences(text: string): string[] {
  return (text.match(/[^.!?;\n]+(?:[.!?;]+|\n|$)/g) ?? [])
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

/**
 * What is synthesised in turn: the sentences, the first one split after its first clause when both halves are long
 * enough to sound natural (12 characters or more), so the caller hears the reply start sooner.
 */
export function synthesisUnits(text: string): string[] {
  const [first, ...rest] = splitSentences(text);
  if (first === undefined) return [];
  const clause = /^(.{12,}?[,;:])\s+(.{12,})$/u.exec(first);
  return clause ? [clause[1]!, clause[2]!, ...rest] : [first, ...rest];
}
