import createRnnoiseModule, { type RnnoiseModule } from "@jitsi/rnnoise-wasm/dist/rnnoise-sync.js";
import { concatSamples, SAMPLE_RATE } from "../audio/pcm";
import { StreamResampler } from "../audio/stream-resampler";

/** RNNoise works on 10 ms frames at 48 kHz. */
const RNNOISE_RATE = 48_000;
const RNNOISE_FRAME = 480;

/** The WebAssembly module, once per thread, with one input and one output frame buffer shared by its denoisers. */
let loaded: Promise<{ module: RnnoiseModule; input: number; output: number }> | null = null;

function load() {
  loaded ??= (async () => {
    const wasm = createRnnoiseModule();
    await wasm.ready;
    return { module: wasm, input: wasm._malloc(RNNOISE_FRAME * 4), output: wasm._malloc(RNNOISE_FRAME * 4) };
  })();
  return loaded;
}

/**
 * Noise suppression in front of the recogniser: RNNoise (Xiph's recurrent network, trained on speech in real noise;
 * @jitsi/rnnoise-wasm, which Jitsi Meet uses) over a caller's 16 kHz audio, taken to 48 kHz and back. Pocketsphinx's
 * acoustic model is easily thrown by broadband noise: over bench:voice-accuracy's lines at 10 dB SNR, expected
 * phrases went from ~65% to ~91% right with this in front. Streaming: one per noisy turn, ~35 ms of CPU per second
 * of speech, output lagging input by ~12 ms (the resampling filters and RNNoise's frame), which flush() lets out.
 */
export class RnnoiseDenoiser {
  readonly #wasm: Awaited<ReturnType<typeof load>>;
  readonly #state: number;
  readonly #up = new StreamResampler(SAMPLE_RATE, RNNOISE_RATE);
  readonly #down = new StreamResampler(RNNOISE_RATE, SAMPLE_RATE);
  /** 48 kHz samples short of a frame, waiting for the next push. */
  #pending = new Int16Array(0);
  #freed = false;

  static async create(): Promise<RnnoiseDenoiser> {
    return new RnnoiseDenoiser(await load());
  }

  private constructor(wasm: Awaited<ReturnType<typeof load>>) {
    this.#wasm = wasm;
    this.#state = wasm.module._rnnoise_create(0);
  }

  /** The denoised 16 kHz samples that `samples` completes. */
  push(samples: Int16Array): Int16Array {
    if (this.#freed) throw new Error("this denoiser was freed");
    return this.#down.push(this.#denoise(this.#up.push(samples)));
  }

  /** The rest of the turn (the filters' and RNNoise's lag), as if it ended in silence. */
  flush(): Int16Array {
    const tail = this.#denoise(this.#up.flush());
    // Silence to complete the last frame, and one frame more for RNNoise's own lag to come out.
    const padded = new Int16Array(((RNNOISE_FRAME - this.#pending.length) % RNNOISE_FRAME) + RNNOISE_FRAME);
    const last = this.#denoise(padded);
    return concatSamples([this.#down.push(tail), this.#down.push(last), this.#down.flush()]);
  }

  /** Releases the network's state (WebAssembly memory is not garbage-collected). */
  free(): void {
    if (this.#freed) return;
    this.#freed = true;
    this.#wasm.module._rnnoise_destroy(this.#state);
  }

  /** Whole 48 kHz frames of `#pending` + `samples` through RNNoise; the remainder waits. */
  #denoise(samples: Int16Array): Int16Array {
    const all = new Int16Array(this.#pending.length + samples.length);
    all.set(this.#pending);
    all.set(samples, this.#pending.length);
    const whole = all.length - (all.length % RNNOISE_FRAME);
    const out = new Int16Array(whole);
    const { module: wasm, input, output } = this.#wasm;
    for (let at = 0; at < whole; at += RNNOISE_FRAME) {
      // HEAPF32 is read each frame: the module's memory can grow, which replaces the view.
      wasm.HEAPF32.set(all.subarray(at, at + RNNOISE_FRAME), input / 4);
      wasm._rnnoise_process_frame(this.#state, output, input);
      const frame = wasm.HEAPF32.subarray(output / 4, output / 4 + RNNOISE_FRAME);
      for (let i = 0; i < RNNOISE_FRAME; i++) out[at + i] = Math.max(-32768, Math.min(32767, Math.round(frame[i]!)));
    }
    this.#pending = all.slice(whole);
    return out;
  }
}
