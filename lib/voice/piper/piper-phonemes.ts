import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The part of a Piper voice's .onnx.json that synthesis reads. */
export interface PiperVoiceConfig {
  audio: { sample_rate: number };
  espeak: { voice: string };
  inference: { noise_scale: number; length_scale: number; noise_w: number };
  phoneme_id_map: Record<string, number[]>;
}

/** A sentence's IPA phonemes from espeak-ng, clauses joined by ", " and the closing mark kept (a clause's comma too). */
export async function espeakPhonemes(sentence: string, voice: string): Promise<string> {
  // "--" ends the options: a sentence starting with "-" is text, not a flag.
  const { stdout } = await run("espeak-ng", ["-v", voice, "-q", "--ipa=3", "--", sentence], { timeout: 10_000 });
  // --ipa=3 puts U+200D (zero-width joiner) between the phonemes of a word: not a phoneme.
  const clauses = stdout
    .replace(/\u200d/g, "")
    .split("\n")
    .map((clause) => clause.trim())
    .filter(Boolean);
  const ending = /[.!?,;:]$/.exec(sentence.trim())?.[0] ?? ".";
  return clauses.join(", ") + ending;
}

/**
 * Phoneme ids as Piper voices were trained on them: `^` (start), each phoneme followed by `_` (pad), `$` (end).
 * Characters the voice has no id for are skipped.
 */
export function phonemeIds(phonemes: string, idMap: PiperVoiceConfig["phoneme_id_map"]): number[] {
  const id = (symbol: string) => idMap[symbol] ?? [];
  const pad = id("_");
  const ids = [...id("^"), ...pad];
  for (const symbol of phonemes) {
    const mapped = idMap[symbol];
    if (mapped) ids.push(...mapped, ...pad);
  }
  ids.push(...id("$"));
  return ids;
}
