import { concatSamples, pcm16Samples, SAMPLE_RATE } from "../audio/pcm";
import { writeWav } from "../audio/wav";
import { CLOUD_SPEECH_LANGUAGES } from "../cloud-languages";
import { cloudListen } from "../cloud-listen";
import { matchPhrases } from "../pocketsphinx/listen-grammar";
import type { ListenOptions, SpeechToText, SpeechToTextCapabilities, SpeechToTextStream, Transcript } from "../speech-to-text";
import { VoiceInputError } from "../voice-errors";
import { postToOpenAi, type OpenAiApiOptions } from "./openai-api";

export interface OpenAiSpeechToTextOptions extends OpenAiApiOptions {
  /** e.g. "gpt-4o-mini-transcribe", "whisper-1", or what a self-hosted server calls its model. */
  model: string;
}

/**
 * Speech to text through an OpenAI-compatible `POST /audio/transcriptions`: the utterance is collected as it is fed
 * and sent as one 16 kHz WAV when it ends, so there are no partial transcripts (`streaming: false`). Expected phrases
 * go in the `prompt`, which biases recognition towards them; which were heard is then found in the transcript.
 */
export class OpenAiSpeechToText implements SpeechToText {
  readonly name: string;
  readonly capabilities: SpeechToTextCapabilities = {
    streaming: false,
    sampleRates: [SAMPLE_RATE],
    languages: CLOUD_SPEECH_LANGUAGES,
    expectedPhrases: true,
  };

  constructor(private readonly options: OpenAiSpeechToTextOptions) {
    this.name = `openai-compatible:${options.model}`;
  }

  async listen(listenOptions: ListenOptions = {}): Promise<SpeechToTextStream & { readonly skippedWords: readonly string[] }> {
    const { expected, language } = cloudListen(this.name, listenOptions);
    const chunks: Int16Array[] = [];
    const abort = new AbortController();
    let state: "open" | "finished" | "cancelled" = "open";
    const { options } = this;
    return {
      skippedWords: [],
      async feed(pcm) {
        if (state !== "open") throw new VoiceInputError("closed", "this utterance has ended: start a new listen");
        chunks.push(pcm16Samples(pcm).slice());
        return null;
      },
      async finish(): Promise<Transcript> {
        if (state !== "open") throw new VoiceInputError("closed", "this utterance has ended: start a new listen");
        state = "finished";
        const samples = concatSamples(chunks);
        if (samples.length === 0) return { text: "", final: true, matchedPhrases: [] };
        const form = new FormData();
        form.append(
          "file",
          new Blob([new Uint8Array(writeWav({ samples, sampleRate: SAMPLE_RATE }))], { type: "audio/wav" }),
          "utterance.wav",
        );
        form.append("model", options.model);
        form.append("language", language);
        form.append("response_format", "json");
        if (expected.length > 0) form.append("prompt", expected.map(({ phrase }) => phrase).join(", "));
        const response = await postToOpenAi(options, "/audio/transcriptions", form, abort.signal);
        const body = (await response.json().catch(() => null)) as { text?: unknown } | null;
        if (typeof body?.text !== "string") throw new Error(`The speech API at ${options.baseUrl} answered without a transcript`);
        const text = body.text.trim();
        return { text, final: true, matchedPhrases: matchPhrases(text, expected) };
      },
      async cancel() {
        state = "cancelled";
        abort.abort();
      },
    };
  }

  async close(): Promise<void> {}
}
