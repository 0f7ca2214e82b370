import { FrameSplitter, SAMPLE_RATE } from "../audio/pcm";
import { postSpeechRequest } from "../speech-api-request";
import {
  offeredVoice,
  type SpeakOptions,
  type TextToSpeech,
  type TextToSpeechCapabilities,
  type VoiceDescription,
} from "../text-to-speech";

export const ELEVENLABS_BASE_URL = "https://api.elevenlabs.io";

export interface ElevenLabsTextToSpeechOptions {
  /** Default ElevenLabs' own (ELEVENLABS_BASE_URL); another for a proxy or a server that speaks its API. */
  baseUrl?: string;
  apiKey: string;
  /** The default voice. */
  voiceId: string;
  /** The voices of the account, id → name in words (the default's alone when unset). */
  voices?: Readonly<Record<string, string>>;
  /** e.g. "eleven_flash_v2_5" (low latency) or "eleven_multilingual_v2". */
  modelId: string;
  timeoutMs?: number;
}

/**
 * Text to speech through ElevenLabs' `POST /v1/text-to-speech/{voice_id}/stream`, asking for `pcm_16000` (raw 16 kHz
 * PCM16, the pipeline's own format): the whole reply in one request, for its prosody, its audio cut into 20 ms frames
 * as the chunks arrive, so the caller hears the start while the rest is made. An abort stops at the next frame and
 * closes the stream.
 */
export class ElevenLabsTextToSpeech implements TextToSpeech {
  readonly name: string;
  readonly capabilities: TextToSpeechCapabilities = {
    streaming: true,
    sampleRate: SAMPLE_RATE,
    languages: ["en-US"],
    nativeSampleRate: SAMPLE_RATE,
  };

  readonly voices: readonly VoiceDescription[];

  constructor(private readonly options: ElevenLabsTextToSpeechOptions) {
    this.name = `elevenlabs:${options.modelId}/${options.voiceId}`;
    this.voices = elevenLabsVoices(options.voiceId, options.voices);
  }

  voiceFor(voice: string | undefined): string {
    return offeredVoice(this.voices, voice);
  }

  async *speak(text: string, { signal, rate, voice }: SpeakOptions = {}): AsyncIterable<Int16Array> {
    const voiceId = this.voiceFor(voice).slice("elevenlabs:".length);
    if (text.trim() === "" || signal?.aborted) return;
    const base = (this.options.baseUrl ?? ELEVENLABS_BASE_URL).replace(/\/+$/, "");
    const response = await postSpeechRequest({
      server: base,
      url: `${base}/v1/text-to-speech/${encodeURIComponent(voiceId)}/stream?output_format=pcm_16000`,
      headers: { "xi-api-key": this.options.apiKey, "content-type": "application/json" },
      body: JSON.stringify({
        text,
        model_id: this.options.modelId,
        ...(rate === undefined || rate === 1 ? {} : { voice_settings: { speed: rate } }),
      }),
      signal,
      timeoutMs: this.options.timeoutMs,
    }).catch((error: unknown) => {
      // Interrupted before the first byte: nothing to say, not a failure.
      if (signal?.aborted) return null;
      throw error;
    });
    if (!response) return;
    const reader = response.body?.getReader();
    if (!reader) return;
    const splitter = new FrameSplitter();
    let carry: number | null = null;
    try {
      for (;;) {
        // Aborting also errors the body: stop before reading, not with an AbortError from the read.
        if (signal?.aborted) return;
        const { done, value } = await reader.read();
        if (done) break;
        // A chunk may end inside a sample: its odd byte starts the next chunk's first sample.
        const bytes: Uint8Array = carry === null ? value : withFirstByte(carry, value);
        carry = bytes.length % 2 === 1 ? (bytes[bytes.length - 1] as number) : null;
        const samples = new Int16Array(bytes.slice(0, bytes.length - (bytes.length % 2)).buffer);
        for (const frame of splitter.push(samples)) {
          if (signal?.aborted) return;
          yield frame;
        }
      }
      if (!signal?.aborted) yield* splitter.flush();
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }

  async close(): Promise<void> {}
}

/** How flows name ElevenLabs voices (`elevenlabs:<voice id>`), the default first. */
export function elevenLabsVoices(defaultVoiceId: string, names: Readonly<Record<string, string>> = {}): VoiceDescription[] {
  const ids = [defaultVoiceId, ...Object.keys(names).filter((id) => id !== defaultVoiceId)];
  return ids.map((id) => ({ id: `elevenlabs:${id}`, name: `${names[id] ?? id} (ElevenLabs)`, language: "en-US" }));
}

function withFirstByte(first: number, rest: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(rest.length + 1);
  bytes[0] = first;
  bytes.set(rest, 1);
  return bytes;
}
