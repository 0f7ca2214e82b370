import { FrameSplitter, SAMPLE_RATE } from "../audio/pcm";
import { EnginePool, type EnginePoolOptions } from "../engine-pool";
import { offeredVoice, synthesisUnits, type SpeakOptions, type TextToSpeech, type VoiceDescription } from "../text-to-speech";
import { LOCAL_VOICES, localVoices, type LocalVoice } from "../local-voices";
import { piperVoiceFiles, PIPER_VOICE, voiceDirectory } from "../voice-assets";
import type { TtsAnswer, TtsRequest } from "./tts-messages";

export type { LocalVoice } from "../local-voices";

/**
 * Offline text-to-speech in a pool of worker threads: sentence by sentence (the first clause of a long first sentence
 * on its own, see synthesisUnits), the next one synthesised while the frames of the current one are consumed. The Piper voice en_US-joe-medium when it has been fetched; otherwise, and
 * when asked, espeak-ng alone (robotic, but always there).
 */
export class LocalTextToSpeech implements TextToSpeech {
  readonly name: string;
  readonly voice: LocalVoice;
  readonly capabilities;
  readonly voices: readonly VoiceDescription[];
  readonly #pool: EnginePool<TtsRequest, TtsAnswer>;
  #streams = 0;

  constructor(
    options: EnginePoolOptions & {
      voice?: LocalVoice;
      voiceDirectory?: string;
      log?: (line: string) => void;
      /**
       * Piper without its sampling noise: the same text always makes the same audio. For tests that judge a recogniser
       * on one sentence; calls keep the voice's natural variation (its config's noise scales).
       */
      steady?: boolean;
    } = {},
  ) {
    const files = piperVoiceFiles(options.voiceDirectory ?? voiceDirectory());
    const wanted = options.voice ?? "piper";
    if (wanted === "piper" && !files) {
      (options.log ?? console.warn)(
        `voice: the Piper voice ${PIPER_VOICE.name} is not in ${options.voiceDirectory ?? voiceDirectory()}; speaking with espeak-ng instead (npm run voices:fetch installs it)`,
      );
    }
    this.voice = wanted === "piper" && files ? "piper" : "espeak";
    this.name = this.voice === "piper" ? `piper ${PIPER_VOICE.name}` : "espeak-ng en-us";
    this.voices = localVoices(files !== null, this.voice);
    this.capabilities = { streaming: true, sampleRate: SAMPLE_RATE, languages: ["en-US"], nativeSampleRate: 22_050 } as const;
    this.#pool = new EnginePool(`${this.name} text-to-speech`, new URL("./tts-worker.ts", import.meta.url), {
      ...options,
      workerData: { model: files?.model ?? null, config: files?.config ?? null, steady: options.steady === true },
    });
  }

  voiceFor(voice: string | undefined): string {
    return offeredVoice(this.voices, voice);
  }

  async *speak(text: string, options: SpeakOptions = {}): AsyncIterable<Int16Array> {
    const rate = options.rate ?? 1;
    const engine: LocalVoice = this.voiceFor(options.voice) === LOCAL_VOICES.piper.id ? "piper" : "espeak";
    if (!(rate > 0.25 && rate < 4)) throw new RangeError(`speaking rate ${rate} is outside 0.25-4`);
    const stream = `speak-${this.#streams++}`;
    const sentences = synthesisUnits(text);
    const synthesise = (sentence: string) => this.#pool.request(stream, { type: "sentence", voice: engine, text: sentence, rate });
    const splitter = new FrameSplitter();
    try {
      let next = sentences.length > 0 ? synthesise(sentences[0]!) : undefined;
      for (let i = 0; next; i++) {
        const current = next;
        // The next sentence is made while this one plays; an abort stops before asking for it.
        next = i + 1 < sentences.length && !options.signal?.aborted ? synthesise(sentences[i + 1]!) : undefined;
        next?.catch(() => undefined); // awaited in the next round, or dropped when this round throws
        const { pcm } = await current;
        if (options.signal?.aborted) return;
        yield* splitter.push(pcm);
      }
      yield* splitter.flush();
    } finally {
      this.#pool.release(stream);
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
