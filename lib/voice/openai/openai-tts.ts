import { SAMPLE_RATE, toFrames } from "../audio/pcm";
import { resample } from "../audio/resample";
import {
  offeredVoice,
  synthesisUnits,
  type SpeakOptions,
  type TextToSpeech,
  type TextToSpeechCapabilities,
  type VoiceDescription,
} from "../text-to-speech";
import { postToOpenAi, type OpenAiApiOptions } from "./openai-api";

/** OpenAI's `pcm` answer: raw 24 kHz mono signed 16-bit little-endian samples. */
const OPENAI_PCM_RATE = 24_000;

export interface OpenAiTextToSpeechOptions extends OpenAiApiOptions {
  /** e.g. "gpt-4o-mini-tts", "tts-1", or what a self-hosted server calls its model. */
  model: string;
  /** The default voice, e.g. "alloy". */
  voice: string;
  /** The voices the server has, by its names (OpenAI's own when unset; a self-hosted server's differ). */
  voices?: readonly string[];
}

/** OpenAI's built-in voices (https://platform.openai.com/docs/guides/text-to-speech). */
export const OPENAI_VOICES = ["alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer"] as const;

/** How flows name a voice of an OpenAI-compatible server: `openai:<its name>`. */
export function openAiVoice(name: string): VoiceDescription {
  return { id: `openai:${name}`, name: `${name.charAt(0).toUpperCase()}${name.slice(1)} (OpenAI-compatible)`, language: "en-US" };
}

/** The voices an OpenAI-compatible TTS offers, its default first. */
export function openAiVoices(defaultVoice: string, names: readonly string[] = OPENAI_VOICES): VoiceDescription[] {
  return [defaultVoice, ...names.filter((name) => name !== defaultVoice)].map(openAiVoice);
}

/**
 * Text to speech through an OpenAI-compatible `POST /audio/speech` (`response_format: "pcm"`), one request per
 * synthesis unit (the first clause, then sentence by sentence), resampled from 24 to 16 kHz and cut into 20 ms frames:
 * the caller hears the first clause while the server makes the next.
 */
export class OpenAiTextToSpeech implements TextToSpeech {
  readonly name: string;
  readonly capabilities: TextToSpeechCapabilities = {
    streaming: true,
    sampleRate: SAMPLE_RATE,
    languages: ["en-US"],
    nativeSampleRate: OPENAI_PCM_RATE,
  };

  readonly voices: readonly VoiceDescription[];

  constructor(private readonly options: OpenAiTextToSpeechOptions) {
    this.name = `openai-compatible:${options.model}/${options.voice}`;
    this.voices = openAiVoices(options.voice, options.voices);
  }

  voiceFor(voice: string | undefined): string {
    return offeredVoice(this.voices, voice);
  }

  async *speak(text: string, speakOptions: SpeakOptions = {}): AsyncIterable<Int16Array> {
    const { signal, rate } = speakOptions;
    const voice = this.voiceFor(speakOptions.voice).slice("openai:".length);
    for (const unit of synthesisUnits(text)) {
      if (signal?.aborted) return;
      const body = JSON.stringify({
        model: this.options.model,
        voice,
        input: unit,
        response_format: "pcm",
        ...(rate === undefined || rate === 1 ? {} : { speed: rate }),
      });
      const response = await postToOpenAi(this.options, "/audio/speech", body, signal, "application/json").catch((error: unknown) => {
        // Interrupted while the server was making the audio: nothing more to say, not a failure.
        if (signal?.aborted) return null;
        throw error;
      });
      if (!response) return;
      yield* framesOf(response, signal);
    }
  }

  async close(): Promise<void> {}
}

/**
 * The answer's PCM as 16 kHz frames. One unit's audio is read whole, then resampled once: resampling chunk by chunk
 * as the body arrives would put a filter edge, and a dropped sample, at every chunk boundary (audible clicks), and a
 * unit is a clause or a sentence, so the caller still hears the reply start after its first one.
 */
async function* framesOf(response: Response, signal: AbortSignal | undefined): AsyncIterable<Int16Array> {
  const body = await response.arrayBuffer().catch((error: unknown) => {
    if (signal?.aborted) return null;
    throw error;
  });
  if (!body || signal?.aborted) return;
  const bytes = new Uint8Array(body);
  const even = bytes.length - (bytes.length % 2);
  const samples = new Int16Array(bytes.buffer, bytes.byteOffset, even / 2);
  for (const frame of toFrames(resample(samples, OPENAI_PCM_RATE, SAMPLE_RATE))) {
    // Interrupted (barge-in): not one frame more, though the unit's audio is here.
    if (signal?.aborted) return;
    yield frame;
  }
}
