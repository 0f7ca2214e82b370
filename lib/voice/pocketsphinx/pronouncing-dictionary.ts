import { readFileSync } from "node:fs";

/** Where Debian's pocketsphinx-en-us puts the US English model. */
export const POCKETSPHINX_MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";

/** A word's pronunciations (ARPAbet phones), from a CMU-style dictionary: `word PH ON ES`, `word(2) ...`. */
export type PronouncingDictionary = ReadonlyMap<string, readonly string[]>;

/** Reads a CMU-style dictionary (the model's cmudict-en-us.dict: 134,000 words, ~100 ms). */
export function readPronouncingDictionary(file: string = `${POCKETSPHINX_MODEL_DIR}/cmudict-en-us.dict`): PronouncingDictionary {
  const words = new Map<string, string[]>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const space = line.indexOf(" ");
    if (space <= 0) continue;
    const word = line.slice(0, space).replace(/\(\d+\)$/, "");
    const phones = line.slice(space + 1).trim();
    const known = words.get(word);
    if (known) known.push(phones);
    else words.set(word, [phones]);
  }
  return words;
}
