/** The parts of @jitsi/rnnoise-wasm's synchronous build (RNNoise 0.2 in WebAssembly, Emscripten's module) we use. */
declare module "@jitsi/rnnoise-wasm/dist/rnnoise-sync.js" {
  export interface RnnoiseModule {
    /** Settles once the module has started (at once: the WebAssembly is inlined and compiled synchronously). */
    ready: Promise<unknown>;
    HEAPF32: Float32Array;
    _malloc(bytes: number): number;
    _free(pointer: number): void;
    /** A denoiser's state; 0 for the built-in model. */
    _rnnoise_create(model: number): number;
    _rnnoise_destroy(state: number): void;
    /** Denoises 480 samples (10 ms at 48 kHz, in 16-bit range) from `input` into `output`; returns speech probability. */
    _rnnoise_process_frame(state: number, output: number, input: number): number;
  }
  export default function createRNNWasmModuleSync(): RnnoiseModule;
}
