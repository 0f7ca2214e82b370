import { randomUUID } from "node:crypto";
import { pcm16Samples, SAMPLE_RATE } from "../audio/pcm";
import { EnginePool, type EnginePoolOptions } from "../engine-pool";
import type { ListenOptions, SpeechToText, SpeechToTextStream, Transcript } from "../speech-to-text";
import { VoiceInputError } from "../voice-errors";
import type { SttAnswer, SttFinal, SttOpened, SttPartial, SttRequest } from "./stt-messages";

/**
 * Offline speech-to-text with pocketsphinx, in a pool of worker threads: a grammar compiled from the listen's expected
 * phrases (found inside longer sentences), or the default US English language model where a listen expects nothing.
 */
export class PocketsphinxSpeechToText implements SpeechToText {
  readonly name = "pocketsphinx";
  readonly capabilities = { streaming: true, sampleRates: [SAMPLE_RATE], languages: ["en-US"], expectedPhrases: true } as const;
  readonly #pool: EnginePool<SttRequest, SttAnswer>;

  constructor(options: EnginePoolOptions = {}) {
    this.#pool = new EnginePool("pocketsphinx speech-to-text", new URL("./stt-worker.ts", import.meta.url), options);
  }

  async listen(options: ListenOptions = {}): Promise<SpeechToTextStream & { readonly skippedWords: readonly string[] }> {
    const languages: readonly string[] = this.capabilities.languages;
    if (options.language && !languages.includes(options.language)) {
      throw new VoiceInputError("language", `pocketsphinx here speaks ${this.capabilities.languages.join(", ")}, not ${options.language}`);
    }
    if (options.sampleRate !== undefined && options.sampleRate !== SAMPLE_RATE) {
      throw new VoiceInputError(
        "sample-rate",
        `pocketsphinx listens to ${SAMPLE_RATE} Hz PCM16 (got ${options.sampleRate} Hz): resample it first`,
      );
    }
    const pool = this.#pool;
    const stream = randomUUID();
    // Each request type has its own answer shape (stt-messages.ts); the casts below name which one.
    const opened = (await pool.request(stream, {
      type: "open",
      stream,
      expectedPhrases: [...(options.expectedPhrases ?? [])],
    })) as SttOpened;
    let closed = false;
    const end = () => {
      closed = true;
      pool.release(stream);
    };
    const refuseClosed = () => {
      if (closed) throw new VoiceInputError("closed", "this listen has finished");
    };
    return {
      skippedWords: opened.skippedWords,
      async feed(pcm): Promise<Transcript | null> {
        refuseClosed();
        pcm16Samples(pcm); // refuses odd-length audio here, as a VoiceInputError
        const answer = (await pool.request(stream, { type: "feed", stream, pcm })) as SttPartial;
        return answer.partial === null ? null : { text: answer.partial, final: false, matchedPhrases: answer.matchedPhrases };
      },
      async finish(): Promise<Transcript> {
        refuseClosed();
        try {
          const answer = (await pool.request(stream, { type: "finish", stream })) as SttFinal;
          return { text: answer.text, final: true, matchedPhrases: answer.matchedPhrases };
        } finally {
          end();
        }
      },
      async cancel(): Promise<void> {
        if (closed) return;
        try {
          await pool.request(stream, { type: "cancel", stream });
        } finally {
          end();
        }
      },
    };
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
