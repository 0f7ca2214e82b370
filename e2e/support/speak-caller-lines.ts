/**
 * Speaks caller lines into 16 kHz mono WAV files with the project's own offline voice (lib/voice: Piper, espeak-ng
 * when the Piper voice is missing), for the e2e specs that play them into a fake microphone. Run with tsx in a child
 * process: the TTS runs in worker threads loaded from TypeScript, which tsx handles and Playwright's loader does not.
 *
 *   npx tsx e2e/support/speak-caller-lines.ts OUT_DIR NAME=TEXT [NAME=TEXT…]   → OUT_DIR/NAME.wav each
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SAMPLE_RATE } from "../../lib/voice/audio/pcm";
import { writeWav } from "../../lib/voice/audio/wav";
import { LocalTextToSpeech } from "../../lib/voice/piper/local-tts";
import { speakToPcm } from "../../lib/voice/spoken-audio";

const [outDir, ...lines] = process.argv.slice(2);
if (!outDir || lines.length === 0 || lines.some((line) => !/^[\w-]+=.+/.test(line))) {
  console.error("usage: speak-caller-lines.ts OUT_DIR NAME=TEXT [NAME=TEXT…]");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const tts = new LocalTextToSpeech({ threads: 1, steady: true }); // the same audio every run: speech-engines.test.ts says why
try {
  for (const line of lines) {
    const [name, ...words] = line.split("=");
    const samples = await speakToPcm(tts, words.join("="));
    writeFileSync(path.join(outDir, `${name}.wav`), writeWav({ samples, sampleRate: SAMPLE_RATE }));
  }
  console.log(`${lines.length} caller line(s) spoken by ${tts.name} into ${outDir}`);
} finally {
  await tts.close();
}
