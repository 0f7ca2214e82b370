import koffi from "koffi";
import { POCKETSPHINX_MODEL_DIR } from "./pronouncing-dictionary";

/*
 * libpocketsphinx (Debian's 0.8+5prealpha) through koffi, in the thread that owns the decoders. Chosen over the
 * pocketsphinx_continuous CLI by measurement (lib/voice/README.md): a grammar decoder starts in ~12 ms in-process
 * against ~120 ms for a CLI run, the default language model loads once per decoder instead of ~1.2 s per run, and
 * audio goes in frame by frame with partial hypotheses, which the CLI's file input cannot give.
 */
const pocketsphinx = koffi.load("libpocketsphinx.so.3");
const sphinxbase = koffi.load("libsphinxbase.so.3");
const ps_args = pocketsphinx.func("void *ps_args()");
const cmd_ln_parse_r = sphinxbase.func("void *cmd_ln_parse_r(void *config, void *definitions, int argc, const char **argv, int strict)");
const cmd_ln_free_r = sphinxbase.func("int cmd_ln_free_r(void *config)");
const err_set_logfp = sphinxbase.func("void err_set_logfp(void *file)");
const ps_init = pocketsphinx.func("void *ps_init(void *config)");
const ps_free = pocketsphinx.func("int ps_free(void *decoder)");
const ps_start_utt = pocketsphinx.func("int ps_start_utt(void *decoder)");
const ps_process_raw = pocketsphinx.func(
  "int ps_process_raw(void *decoder, const int16_t *data, size_t samples, int no_search, int full_utt)",
);
const ps_end_utt = pocketsphinx.func("int ps_end_utt(void *decoder)");
const ps_get_hyp = pocketsphinx.func("const char *ps_get_hyp(void *decoder, _Out_ int *score)");
const ps_set_jsgf_file = pocketsphinx.func("int ps_set_jsgf_file(void *decoder, const char *name, const char *path)");
const ps_set_search = pocketsphinx.func("int ps_set_search(void *decoder, const char *name)");

/** The search a decoder starts with (pocketsphinx's name for the one given by -jsgf or -lm). */
const DEFAULT_SEARCH = "_default";
/** A grammar decoder's second search: the same grammar for phone-line audio (ListenGrammar.phoneLineJsgf). */
const PHONE_LINE_SEARCH = "phone-line";

/**
 * The most audio handed to one streaming ps_process_raw call: 40 ms. Pieces of 200 ms and more, after a whole decode,
 * could abort the process; up to 60 ms never did over thousands of random utterances.
 */
const STREAM_PIECE_SAMPLES = 640;

// The library logs every step to stderr; null silences it.
err_set_logfp(null);

/** What a decoder recognises: a grammar with its small dictionary, or free speech with the default language model. */
export type DecoderSearch = { kind: "grammar"; jsgfFile: string; dictionaryFile: string; phoneLineJsgfFile?: string } | { kind: "free" };

/** Which of a decoder's searches decodes an utterance: the one it was made with, or its phone-line grammar. */
export type SearchName = "default" | "phone-line";

/** One pocketsphinx decoder: one utterance at a time. Not thread-safe; lives in one worker thread. */
export class PocketsphinxDecoder {
  readonly #handle: unknown;
  readonly #hasPhoneLineSearch: boolean;
  #inUtterance = false;
  #search: SearchName = "default";

  constructor(search: DecoderSearch) {
    // Dither: digital silence (exact zeros) has no spectrum, and its features mislead the acoustic model.
    const args = ["-hmm", `${POCKETSPHINX_MODEL_DIR}/en-us`, "-samprate", "16000", "-dither", "yes"];
    // A low word insertion penalty (default 0.65) keeps the grammar's many short fillers from replacing one expected
    // word with three: measured over bench:voice-accuracy's set, 0.001 took 10 dB noise lines from 49% to 71% right.
    if (search.kind === "grammar") args.push("-jsgf", search.jsgfFile, "-dict", search.dictionaryFile, "-wip", "0.001");
    else args.push("-lm", `${POCKETSPHINX_MODEL_DIR}/en-us.lm.bin`, "-dict", `${POCKETSPHINX_MODEL_DIR}/cmudict-en-us.dict`);
    const config = cmd_ln_parse_r(null, ps_args(), args.length, args, 1);
    if (!config) throw new Error(`pocketsphinx refused its configuration (${args.join(" ")})`);
    const handle = ps_init(config);
    // ps_init keeps its own reference to the configuration.
    cmd_ln_free_r(config);
    if (!handle) throw new Error(`pocketsphinx could not start a decoder (${search.kind}); is pocketsphinx-en-us installed?`);
    this.#handle = handle;
    // A second search shares the decoder's acoustic model and dictionary: no second copy of either.
    const phoneLineJsgfFile = search.kind === "grammar" ? search.phoneLineJsgfFile : undefined;
    if (phoneLineJsgfFile !== undefined && ps_set_jsgf_file(handle, PHONE_LINE_SEARCH, phoneLineJsgfFile) < 0) {
      ps_free(handle);
      throw new Error(`pocketsphinx refused the phone-line grammar ${phoneLineJsgfFile}`);
    }
    this.#hasPhoneLineSearch = phoneLineJsgfFile !== undefined;
  }

  /** Whether the decoder has its grammar's phone-line search (grammar decoders made with one; never free-form ones). */
  get hasPhoneLineSearch(): boolean {
    return this.#hasPhoneLineSearch;
  }

  /** Starts an utterance, streamed with process(), in the default search. */
  start(): void {
    this.#useSearch("default");
    this.#begin();
  }

  #begin(): void {
    if (this.#inUtterance) ps_end_utt(this.#handle);
    if (ps_start_utt(this.#handle) < 0) throw new Error("pocketsphinx could not start an utterance");
    this.#inUtterance = true;
  }

  /**
   * Streams audio into the utterance, STREAM_PIECE_SAMPLES at a time: this pocketsphinx aborts the process (an
   * assertion in acmod_process_cep: the features it makes overrun its buffer) on larger pieces, as a caller's frames
   * that waited behind busy engines came in one request. Reproduced in pocketsphinx-decoder.test.ts.
   */
  process(samples: Int16Array): void {
    if (!this.#inUtterance) throw new Error("no utterance in progress");
    for (let at = 0; at < samples.length; at += STREAM_PIECE_SAMPLES) {
      const piece = samples.subarray(at, at + STREAM_PIECE_SAMPLES);
      if (ps_process_raw(this.#handle, piece, piece.length, 0, 0) < 0) throw new Error("pocketsphinx failed on this audio");
    }
  }

  /**
   * Decodes a whole utterance at once: cepstral mean normalisation then runs over the utterance itself ("batch", as
   * the model was trained), where streaming input is normalised with the running mean of earlier utterances (other
   * callers, other lines). Measured over bench:voice-accuracy's set: 52% right streamed, 68% decoded whole.
   */
  decodeWhole(samples: Int16Array, search: SearchName = "default"): string {
    this.#useSearch(search);
    this.#begin();
    if (samples.length > 0 && ps_process_raw(this.#handle, samples, samples.length, 0, 1) < 0)
      throw new Error("pocketsphinx failed on this audio");
    return this.finish();
  }

  /** The best hypothesis so far ("" when none). */
  hypothesis(): string {
    return (ps_get_hyp(this.#handle, [0]) as string | null) ?? "";
  }

  /** Ends the utterance: the final hypothesis. */
  finish(): string {
    if (!this.#inUtterance) return "";
    ps_end_utt(this.#handle);
    this.#inUtterance = false;
    return this.hypothesis();
  }

  /** Switches searches between utterances (pocketsphinx refuses to within one), ending one in progress. */
  #useSearch(search: SearchName): void {
    if (search === this.#search) return;
    if (search === "phone-line" && !this.#hasPhoneLineSearch) throw new Error("this decoder has no phone-line search");
    if (this.#inUtterance) this.finish();
    if (ps_set_search(this.#handle, search === "default" ? DEFAULT_SEARCH : PHONE_LINE_SEARCH) < 0)
      throw new Error(`pocketsphinx could not switch to its ${search} search`);
    this.#search = search;
  }

  free(): void {
    ps_free(this.#handle);
  }
}
