/**
 * A pocketsphinx thread (started by PocketsphinxSpeechToText through EnginePool): decoders for the streams homed
 * here. A grammar decoder is compiled once per set of expected phrases and reused by later listens expecting the
 * same (a flow has few listen nodes); a free-form decoder, slower to start (the language model), is reused likewise.
 *
 * Messages: SttRequest with an `id` → ThreadReply<SttAnswer>; `{ type: "close" }` frees the decoders and exits.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parentPort } from "node:worker_threads";
import { replyTo } from "../../threads/request-thread";
import { isNarrowband } from "../audio/narrowband";
import { concatSamples, pcm16Samples } from "../audio/pcm";
import { compileListenGrammar, matchPhrases, phraseWords, type ListenGrammar } from "./listen-grammar";
import { NoiseFloor } from "./noise-floor";
import { isNoisyBackground } from "../rnnoise/noisy-background";
import { RnnoiseDenoiser } from "../rnnoise/rnnoise-denoiser";
import { fromPhoneLineWords } from "./phone-line-words";
import { PocketsphinxDecoder } from "./pocketsphinx-decoder";
import { readPronouncingDictionary } from "./pronouncing-dictionary";
import { withTrailingSilence } from "./trailing-silence";
import type { SttAnswer, SttRequest } from "./stt-messages";

const port = parentPort;
if (!port) throw new Error("stt-worker runs in a worker thread");

const dictionary = readPronouncingDictionary();
const scratch = mkdtempSync(path.join(tmpdir(), "switchboard-stt-"));
/** Idle decoders by grammar key ("free" for the language model), reused by the next listen of the same kind. */
const idle = new Map<string, PocketsphinxDecoder[]>();
const MAX_IDLE_PER_KEY = 4;
/** A partial hypothesis is worth its cost every 200 ms of audio, not every frame. */
const PARTIAL_EVERY_SAMPLES = 3_200;
/**
 * A turn's audio is kept to be decoded again whole at its end (PocketsphinxDecoder.decodeWhole: the better result),
 * up to 30 s (960 KB). A longer turn keeps only its streamed result: nobody answers a menu for half a minute.
 */
const WHOLE_TURN_SAMPLES = 30 * 16_000;

interface Stream {
  key: string;
  /** When the stream was last fed (Date.now()): a stream its caller abandoned is swept after ABANDONED_MS. */
  touchedAt: number;
  decoder: PocketsphinxDecoder;
  phrases: ListenGrammar["phrases"];
  sinceHypothesis: number;
  lastPartial: string;
  /**
   * What the decoder hears is the caller's audio, denoised when the turn begins over a noisy background, then given a
   * faint floor (noise-floor.ts says why). Undefined until the turn's first audio is judged; null on a quiet line.
   */
  denoiser: RnnoiseDenoiser | null | undefined;
  noiseFloor: NoiseFloor;
  /** The turn so far (denoised, before its floor), for the whole decode at the end; null once past WHOLE_TURN_SAMPLES. */
  heard: Int16Array[] | null;
  heardSamples: number;
}
const streams = new Map<string, Stream>();

/* A listen whose transport vanished without finish or cancel (a crashed handler) must not hold a decoder for ever. */
const ABANDONED_MS = 120_000;
setInterval(() => {
  const now = Date.now();
  for (const [id, stream] of streams) {
    if (now - stream.touchedAt < ABANDONED_MS) continue;
    streams.delete(id);
    stream.decoder.finish();
    putBack(stream);
  }
}, 10_000).unref();

/** The turn's audio (denoised already, if the line is noisy) with the floor under it, to the decoder and the turn. */
function heard(stream: Stream, samples: Int16Array): void {
  stream.decoder.process(stream.noiseFloor.add(samples));
  stream.heardSamples += samples.length;
  if (stream.heardSamples > WHOLE_TURN_SAMPLES) stream.heard = null;
  else stream.heard?.push(samples);
  stream.sinceHypothesis += samples.length;
}

/**
 * The turn decoded whole, with the same floor the stream had (NoiseFloor is seeded). When the grammar found none of
 * its phrases and the audio came through a phone line, the grammar's phone-line search tries again (phone-line-words.ts
 * says why); asked only then, so wideband lines, and phone lines the grammar already understood, are decided as before.
 */
function decodeTurn(stream: Stream, turn: Int16Array): string {
  const audio = new NoiseFloor().add(withTrailingSilence(turn));
  const text = stream.decoder.decodeWhole(audio);
  if (!stream.decoder.hasPhoneLineSearch || matchPhrases(text, stream.phrases).length > 0 || !isNarrowband(turn)) return text;
  const overThePhone = fromPhoneLineWords(stream.decoder.decodeWhole(audio, "phone-line"));
  return matchPhrases(overThePhone, stream.phrases).length > 0 ? overThePhone : text;
}

function decoderFor(grammar: ListenGrammar | null): PocketsphinxDecoder {
  const key = grammar?.key ?? "free";
  const reused = idle.get(key)?.pop();
  if (reused) return reused;
  if (!grammar) return new PocketsphinxDecoder({ kind: "free" });
  const jsgfFile = path.join(scratch, `${grammar.key}.gram`);
  const dictionaryFile = path.join(scratch, `${grammar.key}.dict`);
  const phoneLineJsgfFile = path.join(scratch, `${grammar.key}.phone-line.gram`);
  writeFileSync(jsgfFile, grammar.jsgf);
  writeFileSync(phoneLineJsgfFile, grammar.phoneLineJsgf);
  writeFileSync(dictionaryFile, grammar.dictionary);
  return new PocketsphinxDecoder({ kind: "grammar", jsgfFile, dictionaryFile, phoneLineJsgfFile });
}

function putBack(stream: Stream): void {
  stream.denoiser?.free();
  const list = idle.get(stream.key) ?? [];
  if (list.length < MAX_IDLE_PER_KEY) {
    list.push(stream.decoder);
    idle.set(stream.key, list);
  } else stream.decoder.free();
}

function take(id: string): Stream {
  const stream = streams.get(id);
  if (!stream) throw new Error(`no speech-to-text stream ${id} (finished, cancelled or never opened)`);
  return stream;
}

async function answer(request: SttRequest): Promise<SttAnswer> {
  switch (request.type) {
    case "open": {
      if (streams.has(request.stream)) throw new Error(`speech-to-text stream ${request.stream} is already open`);
      const grammar = request.expectedPhrases.length > 0 ? compileListenGrammar(request.expectedPhrases, dictionary) : null;
      const decoder = decoderFor(grammar);
      decoder.start();
      // Free-form recognition still reports the expected phrases it heard, spelled as said.
      const phrases = grammar?.phrases ?? request.expectedPhrases.map((phrase) => ({ phrase, words: phraseWords(phrase) }));
      streams.set(request.stream, {
        key: grammar?.key ?? "free",
        touchedAt: Date.now(),
        decoder,
        phrases,
        sinceHypothesis: 0,
        lastPartial: "",
        denoiser: undefined,
        noiseFloor: new NoiseFloor(),
        heard: [],
        heardSamples: 0,
      });
      const skippedWords = grammar
        ? grammar.skippedWords
        : [...new Set(request.expectedPhrases.flatMap(phraseWords).filter((word) => !dictionary.has(word)))];
      return { skippedWords };
    }
    case "feed": {
      const stream = take(request.stream);
      stream.touchedAt = Date.now();
      const samples = pcm16Samples(request.pcm);
      if (stream.denoiser === undefined) stream.denoiser = isNoisyBackground(samples) ? await RnnoiseDenoiser.create() : null;
      heard(stream, stream.denoiser ? stream.denoiser.push(samples) : samples);
      if (stream.sinceHypothesis < PARTIAL_EVERY_SAMPLES) return { partial: null, matchedPhrases: [] };
      stream.sinceHypothesis = 0;
      const partial = stream.decoder.hypothesis();
      if (partial === stream.lastPartial) return { partial: null, matchedPhrases: [] };
      stream.lastPartial = partial;
      return { partial, matchedPhrases: matchPhrases(partial, stream.phrases) };
    }
    case "finish": {
      const stream = take(request.stream);
      streams.delete(request.stream);
      if (stream.denoiser) heard(stream, stream.denoiser.flush());
      const streamed = stream.decoder.finish();
      const text = stream.heard ? decodeTurn(stream, concatSamples(stream.heard)) : streamed;
      putBack(stream);
      return { text, matchedPhrases: matchPhrases(text, stream.phrases) };
    }
    case "cancel": {
      const stream = streams.get(request.stream);
      streams.delete(request.stream);
      if (stream) {
        stream.decoder.finish();
        putBack(stream);
      }
      return null;
    }
  }
}

port.on("message", (message: (SttRequest & { id: number }) | { type: "close" }) => {
  if (message.type === "close") {
    for (const list of idle.values()) for (const decoder of list) decoder.free();
    for (const stream of streams.values()) stream.decoder.free();
    rmSync(scratch, { recursive: true, force: true });
    port.close();
    return;
  }
  void replyTo(message.id, answer(message)).then((reply) => port.postMessage(reply));
});
