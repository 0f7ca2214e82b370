/**
 * A TTS thread (started by LocalTextToSpeech through EnginePool): synthesises one sentence per request, with the Piper
 * voice in onnxruntime-node (loaded once per thread, ~1.8 s) or with espeak-ng alone, and hands back 16 kHz PCM16.
 *
 * Messages: TtsRequest with an `id` → ThreadReply<TtsAnswer>; `{ type: "close" }` exits.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { parentPort, workerData } from "node:worker_threads";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { replyTo } from "../../threads/request-thread";
import { concatSamples, fromFloat32, SAMPLE_RATE } from "../audio/pcm";
import { StreamResampler } from "../audio/stream-resampler";
import { readWav } from "../audio/wav";
import { espeakPhonemes, phonemeIds, type PiperVoiceConfig } from "./piper-phonemes";
import type { TtsAnswer, TtsRequest } from "./tts-messages";

const port = parentPort;
if (!port) throw new Error("tts-worker runs in a worker thread");
const { model, config, steady } = workerData as { model: string | null; config: string | null; steady: boolean };
const run = promisify(execFile);

let piper: Promise<{ session: InferenceSession; config: PiperVoiceConfig }> | undefined;

function loadPiper() {
  if (!model || !config) throw new Error("the Piper voice is not installed (npm run voices:fetch)");
  return (piper ??= InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential" }).then(
    (session) => ({
      session,
      config: JSON.parse(readFileSync(config, "utf8")) as PiperVoiceConfig,
    }),
  ));
}

/**
 * A sentence at the call's 16 kHz. StreamResampler applies resample()'s filter with each phase's weights computed once:
 * for Piper's 22,050 Hz, ~2-6 ms per second of speech against ~20 ms for resample(), which computes every weight per
 * sample; the same samples but at the sentence's first and last few (silence, in synthesised speech).
 */
function toCallRate(samples: Int16Array, rate: number): Int16Array {
  if (rate === SAMPLE_RATE) return samples;
  const resampler = new StreamResampler(rate, SAMPLE_RATE);
  return concatSamples([resampler.push(samples), resampler.flush()]);
}

async function withPiper(text: string, rate: number): Promise<Int16Array> {
  const voice = await loadPiper();
  const ids = phonemeIds(await espeakPhonemes(text, voice.config.espeak.voice), voice.config.phoneme_id_map);
  const { noise_scale, length_scale, noise_w } = steady
    ? { ...voice.config.inference, noise_scale: 0, noise_w: 0 }
    : voice.config.inference;
  const result = await voice.session.run({
    input: new Tensor("int64", BigInt64Array.from(ids, BigInt), [1, ids.length]),
    input_lengths: new Tensor("int64", BigInt64Array.from([BigInt(ids.length)]), [1]),
    scales: new Tensor("float32", Float32Array.from([noise_scale, length_scale / rate, noise_w]), [3]),
  });
  const audio = fromFloat32(result.output!.data as Float32Array);
  return toCallRate(audio, voice.config.audio.sample_rate);
}

async function withEspeak(text: string, rate: number): Promise<Int16Array> {
  const wordsPerMinute = String(Math.round(175 * rate));
  const { stdout } = await run("espeak-ng", ["-v", "en-us", "-s", wordsPerMinute, "--stdout", "--", text], {
    encoding: "buffer",
    timeout: 10_000,
    maxBuffer: 64 << 20,
  });
  const wav = readWav(stdout);
  return toCallRate(wav.samples, wav.sampleRate);
}

async function answer(request: TtsRequest): Promise<TtsAnswer> {
  const pcm = request.voice === "piper" ? await withPiper(request.text, request.rate) : await withEspeak(request.text, request.rate);
  return { pcm };
}

port.on("message", (message: (TtsRequest & { id: number }) | { type: "close" }) => {
  if (message.type === "close") {
    void (piper ?? Promise.resolve(null))
      .then((loaded) => loaded?.session.release())
      .catch(() => undefined)
      .finally(() => port.close());
    return;
  }
  void replyTo(message.id, answer(message)).then((reply) => port.postMessage(reply));
});
