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

/** One voice a TTS provider offers. */
export interface VoiceDescription {
  /** `<engine>:<name>`, as flows name it: `piper:en_US-joe-medium`, `espeak:en-us`, `openai:alloy`. */
  id: string;
  /** In words, for the editor: "Joe (neural, offline)". */
  name: string;
  /** BCP 47 tag of the language it speaks. */
  language: string;
}

/** How to say one reply. */
export interface SpeakOptions {
  /** One of the provider's `voices` (by id); another, or none, is spoken by `voiceFor(undefined)`. */
  voice?: string;
  /** 1 is the voice's normal pace; 1.25 is 25% faster. */
  rate?: number;
  /** Aborting stops synthesis after the sentence in progress; frames already yielded stay yielded. */
  signal?: AbortSignal;
}

/** A text-to-speech provider: text in, 20 ms frames of 16 kHz mono PCM16 out, sentence by sentence. */
export interface TextToSpeech {
  readonly name: string;
  readonly capabilities: TextToSpeechCapabilities;
  /** The voices it offers; the first is its default. */
  readonly voices: readonly VoiceDescription[];
  /** The id of the voice that speaks when `voice` is asked for: it when offered, else the default. */
  voiceFor(voice: string | undefined): string;
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

/** `voiceFor` of a provider whose voices are a fixed list: the one asked for when listed, else the first. */
export function offeredVoice(voices: readonly VoiceDescription[], voice: string | undefined): string {
  const offered = voices.find((candidate) => candidate.id === voice) ?? voices[0];
  if (!offered) throw new Error("a text-to-speech provider offers at least one voice");
  return offered.id;
}
