import { concatSamples } from "./audio/pcm";
import type { ListenOptions, SpeechToText, Transcript } from "./speech-to-text";
import type { SpeakOptions, TextToSpeech } from "./text-to-speech";

/** All of a reply's frames as one buffer (tests and benchmarks: what a caller would hear). */
export async function speakToPcm(tts: TextToSpeech, text: string, options?: SpeakOptions): Promise<Int16Array> {
  const frames: Int16Array[] = [];
  for await (const frame of tts.speak(text, options)) frames.push(frame);
  return concatSamples(frames);
}

/** What `stt` hears in `samples`, fed in 20 ms frames as a transport would; partial transcripts beside the final. */
export async function transcribe(
  stt: SpeechToText,
  samples: Int16Array,
  options?: ListenOptions,
): Promise<{ final: Transcript; partials: Transcript[] }> {
  const listen = await stt.listen(options);
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  const partials: Transcript[] = [];
  for (let at = 0; at < bytes.length; at += 640) {
    const partial = await listen.feed(bytes.subarray(at, at + 640));
    if (partial) partials.push(partial);
  }
  return { final: await listen.finish(), partials };
}
