import { pcm16Samples, SAMPLE_RATE } from "../audio/pcm";
import { EnginePool, type EnginePoolOptions } from "../engine-pool";
import type { VoiceActivityDetector, VoiceActivityOptions, VoiceActivityStream } from "../voice-activity";
import { sileroModelFile, voiceDirectory } from "../voice-assets";
import type { VadAnswer, VadRequest } from "./vad-messages";

/** Silero VAD (a small recurrent network, 2.3 MB) in onnxruntime-node, in a pool of worker threads. */
export class SileroVoiceActivityDetector implements VoiceActivityDetector {
  readonly name = "silero";
  readonly capabilities = { sampleRates: [SAMPLE_RATE], windowSamples: 512 } as const;
  readonly #pool: EnginePool<VadRequest, VadAnswer>;
  #streams = 0;

  constructor(options: EnginePoolOptions & { voiceDirectory?: string } = {}) {
    const model = sileroModelFile(options.voiceDirectory ?? voiceDirectory());
    if (!model) throw new Error(`Silero VAD is not in ${options.voiceDirectory ?? voiceDirectory()}: run npm run voices:fetch`);
    this.#pool = new EnginePool("silero voice activity", new URL("./vad-worker.ts", import.meta.url), {
      ...options,
      workerData: { model },
    });
  }

  async stream(options: VoiceActivityOptions = {}): Promise<VoiceActivityStream> {
    const pool = this.#pool;
    const stream = `vad-${this.#streams++}`;
    await pool.request(stream, { type: "open", stream, options });
    return {
      async feed(pcm) {
        pcm16Samples(pcm); // refuses odd-length audio here, as a VoiceInputError
        return (await pool.request(stream, { type: "feed", stream, pcm })).events;
      },
      async finish() {
        try {
          return (await pool.request(stream, { type: "finish", stream })).events;
        } finally {
          pool.release(stream);
        }
      },
    };
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
