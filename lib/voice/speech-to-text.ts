/** What an STT provider can do, so the pipeline can pick one and say why it cannot. */
export interface SpeechToTextCapabilities {
  /** Partial transcripts while the caller speaks (otherwise only the final one). */
  streaming: boolean;
  /** Rates `feed` accepts; the pipeline resamples to one of them. */
  sampleRates: readonly number[];
  /** BCP 47 tags, e.g. "en-US". */
  languages: readonly string[];
  /** Whether `expectedPhrases` narrow recognition (a grammar, keywords or a bias list). */
  expectedPhrases: boolean;
}

/** What one listen asks for. */
export interface ListenOptions {
  language?: string;
  /** The rate the transport will feed; anything but one of `capabilities.sampleRates` is refused (resample first). */
  sampleRate?: number;
  /**
   * Phrases the listen's branches expect ("book an appointment", "cancel"): recognised inside longer sentences.
   * None: free-form transcription.
   */
  expectedPhrases?: readonly string[];
}

/** A transcript of what was heard so far (`final: false`) or of the whole utterance. */
export interface Transcript {
  text: string;
  final: boolean;
  /** The expected phrases found in `text`, in the order spoken. */
  matchedPhrases: string[];
}

/** One utterance being recognised: frames in, transcripts out. */
export interface SpeechToTextStream {
  /** Adds 16 kHz mono PCM16 (any length, usually 20 ms frames); may resolve with a newer partial transcript. */
  feed(pcm: Uint8Array): Promise<Transcript | null>;
  /** Ends the utterance: the final transcript (empty text when nothing was recognised). */
  finish(): Promise<Transcript>;
  /** Abandons the utterance (a hang-up): frees the engine without a transcript. */
  cancel(): Promise<void>;
}

/** A speech-to-text provider: local engines and cloud vendors implement it alike. */
export interface SpeechToText {
  readonly name: string;
  readonly capabilities: SpeechToTextCapabilities;
  /** What this listen will recognise, with words the engine cannot spell dropped (reported, never thrown). */
  listen(options?: ListenOptions): Promise<SpeechToTextStream & { readonly skippedWords: readonly string[] }>;
  close(): Promise<void>;
}
