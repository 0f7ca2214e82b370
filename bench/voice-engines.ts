/**
 * `npm run bench:voice-engines`: what one core does with each offline speech engine, one engine thread each, over
 * Piper-spoken caller lines. Prints real-time factors (compute time / audio time; 0.1 = ten streams a core) and the
 * calls a core holds, with espeak-ng beside Piper as the baseline voice. The voice pipeline's own benchmark
 * (`bench:voice`, issue 11: accuracy sets, turn latency, concurrent calls) is still to come.
 */
import { concatSamples, FRAME_BYTES } from "../lib/voice/audio/pcm";
import { LocalTextToSpeech } from "../lib/voice/piper/local-tts";
import { PocketsphinxSpeechToText } from "../lib/voice/pocketsphinx/pocketsphinx-stt";
import { SileroVoiceActivityDetector } from "../lib/voice/silero/silero-vad";
import { speakToPcm, transcribe } from "../lib/voice/spoken-audio";

const LINES = [
  "I'd like to book an appointment for Tuesday.",
  "Can I speak to someone about my bill?",
  "No thanks, that's all.",
  "Yes please, next Monday at three p.m. would be great.",
  "Cancel it please.",
  "Hi, thanks for calling. Would you like to book an appointment?",
];
const PHRASES = ["book an appointment", "speak to someone", "cancel", "yes", "no"];
const ms = (value: number) => `${value.toFixed(1)} ms`;
const audioSeconds = (samples: Int16Array) => samples.length / 16_000;

const piper = new LocalTextToSpeech({ threads: 1 });
const espeak = new LocalTextToSpeech({ threads: 1, voice: "espeak" });
const stt = new PocketsphinxSpeechToText({ threads: 1 });
const vad = new SileroVoiceActivityDetector({ threads: 1 });
await speakToPcm(piper, "Warm up."); // loads the voice
await speakToPcm(espeak, "Warm up.");

console.log("TTS (text → 16 kHz frames; first frame = first sentence made)");
const spoken: Int16Array[] = [];
for (const voice of [piper, espeak]) {
  let compute = 0;
  let audio = 0;
  const firsts: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const line of LINES) {
      const started = performance.now();
      let first = 0;
      const frames: Int16Array[] = [];
      for await (const frame of voice.speak(line)) {
        first ||= performance.now() - started;
        frames.push(frame);
      }
      compute += performance.now() - started;
      audio += frames.length * 20;
      firsts.push(first);
      if (voice === piper && round === 0) spoken.push(concatSamples(frames));
    }
  }
  firsts.sort((a, b) => a - b);
  const rtf = compute / audio;
  console.log(
    `  ${voice.name.padEnd(24)} real-time factor ${rtf.toFixed(3)}  first frame p50 ${ms(firsts[firsts.length >> 1]!)}  max ${ms(firsts.at(-1)!)}  ≈ ${(1 / rtf).toFixed(0)} voices speaking at once per core`,
  );
}

console.log("STT (Piper audio fed in 20 ms frames, one utterance at a time)");
for (const [label, options] of [
  ["grammar (expected phrases)", { expectedPhrases: PHRASES }],
  ["free-form (language model)", {}],
] as const) {
  await transcribe(stt, spoken[0]!, options); // compiles the grammar / loads the model
  let compute = 0;
  let audio = 0;
  for (const samples of spoken) {
    const started = performance.now();
    await transcribe(stt, samples, options);
    compute += performance.now() - started;
    audio += audioSeconds(samples) * 1000;
  }
  const rtf = compute / audio;
  console.log(`  ${label.padEnd(28)} real-time factor ${rtf.toFixed(3)}  ≈ ${(1 / rtf).toFixed(0)} callers speaking at once per core`);
}

console.log("VAD (Silero, 512-sample windows)");
const all = concatSamples(spoken);
const long = Int16Array.from({ length: 30 * 16_000 }, (_, i) => all[i % all.length]!);
{
  const stream = await vad.stream();
  const started = performance.now();
  await stream.feed(new Uint8Array(long.buffer));
  const elapsed = performance.now() - started;
  await stream.finish();
  const frames = long.length / 320;
  console.log(
    `  model cost per 20 ms frame ${ms(elapsed / frames)} (30 s in one request)  ≈ ${(20 / (elapsed / frames)).toFixed(0)} streams per core`,
  );
}
{
  const stream = await vad.stream();
  const bytes = new Uint8Array(long.buffer, 0, 10 * 32_000);
  const started = performance.now();
  for (let at = 0; at < bytes.length; at += FRAME_BYTES) await stream.feed(bytes.subarray(at, at + FRAME_BYTES));
  const elapsed = performance.now() - started;
  await stream.finish();
  console.log(`  round trip per 20 ms frame fed one by one ${ms(elapsed / (bytes.length / FRAME_BYTES))} (thread hop included)`);
}

await Promise.all([piper.close(), espeak.close(), stt.close(), vad.close()]);
