import { createHash } from "node:crypto";
import { FILLER_WORDS } from "./filler-words";
import { phoneLinePronunciation, phoneLineWord } from "./phone-line-words";
import type { PronouncingDictionary } from "./pronouncing-dictionary";

/** A listen's expected phrases compiled for pocketsphinx: a JSGF grammar and the dictionary of its words. */
export interface ListenGrammar {
  /** Identifies the grammar: listens expecting the same phrases share a compiled decoder. */
  key: string;
  jsgf: string;
  /**
   * The same grammar for audio that came through a phone line, whose expected words may also be said as the line
   * delivers them (phone-line-words.ts); its transcripts spell those forms with a suffix, removed by fromPhoneLineWords.
   */
  phoneLineJsgf: string;
  /** Lines of a CMU-style dictionary with every word either grammar uses. */
  dictionary: string;
  /** The phrases as the grammar spells them (lower case, unknown words dropped), beside the phrase they came from. */
  phrases: { phrase: string; words: string[] }[];
  /** Words of the expected phrases the model cannot pronounce: left out of the grammar. */
  skippedWords: string[];
}

/** The words of a phrase as the dictionary spells them: lower case, digits and punctuation gone, apostrophes kept. */
export function phraseWords(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ""))
    .filter(Boolean);
}

/**
 * Compiles the phrases a listen's branches expect into a grammar that finds any of them, several times and in any
 * order, inside a longer sentence: `(<expected> | <filler>)+`. A word the dictionary lacks ("Zoomcall") is skipped and
 * reported, never fatal; a phrase left with no words is dropped. Returns null when no phrase survives (the listen
 * then needs free-form recognition).
 */
export function compileListenGrammar(expectedPhrases: readonly string[], dictionary: PronouncingDictionary): ListenGrammar | null {
  const skipped = new Set<string>();
  const phrases: ListenGrammar["phrases"] = [];
  for (const phrase of expectedPhrases) {
    const words = phraseWords(phrase).filter((word) => {
      if (dictionary.has(word)) return true;
      skipped.add(word);
      return false;
    });
    if (words.length > 0 && !phrases.some((known) => known.words.join(" ") === words.join(" "))) phrases.push({ phrase, words });
  }
  if (phrases.length === 0) return null;
  const expectedWords = new Set(phrases.flatMap((phrase) => phrase.words));
  // A filler that sounds like an expected word ("know" for "no") would take its place: left out too.
  const expectedSounds = new Set([...expectedWords].flatMap((word) => dictionary.get(word)!));
  const fillers = FILLER_WORDS.filter(
    (word) => dictionary.has(word) && !expectedWords.has(word) && !dictionary.get(word)!.some((phones) => expectedSounds.has(phones)),
  );
  const phoneLineForms = new Map<string, string[]>();
  for (const word of expectedWords) {
    const forms = dictionary.get(word)!.flatMap((phones) => phoneLinePronunciation(phones) ?? []);
    if (forms.length > 0) phoneLineForms.set(word, forms);
  }
  const phoneLineSounds = new Set([...phoneLineForms.values()].flat());
  const grammar = (expected: (word: string) => string, fillerWords: readonly string[]) =>
    [
      "#JSGF V1.0;",
      "grammar listen;",
      `public <utterance> = ( <expected> | <filler> )+;`,
      `<expected> = ${phrases.map((phrase) => phrase.words.map(expected).join(" ")).join(" | ")};`,
      `<filler> = ${fillerWords.join(" | ")};`,
      "",
    ].join("\n");
  const jsgf = grammar((word) => word, fillers);
  const phoneLineJsgf = grammar(
    (word) => (phoneLineForms.has(word) ? `( ${word} | ${phoneLineWord(word)} )` : word),
    fillers.filter((word) => !dictionary.get(word)!.some((phones) => phoneLineSounds.has(phones))),
  );
  const lines: string[] = [];
  const addWord = (word: string, pronunciations: readonly string[]) =>
    pronunciations.forEach((phones, i) => lines.push(`${i === 0 ? word : `${word}(${i + 1})`} ${phones}`));
  for (const word of [...expectedWords, ...fillers]) addWord(word, dictionary.get(word)!);
  for (const [word, forms] of phoneLineForms) addWord(phoneLineWord(word), forms);
  lines.sort();
  return {
    key: createHash("sha256").update(jsgf).update(phoneLineJsgf).digest("hex").slice(0, 16),
    jsgf,
    phoneLineJsgf,
    dictionary: lines.join("\n") + "\n",
    phrases,
    skippedWords: [...skipped],
  };
}

/** The expected phrases found in a transcript, in the order spoken (a phrase said twice is listed once). */
export function matchPhrases(text: string, phrases: ListenGrammar["phrases"]): string[] {
  const heard = phraseWords(text);
  const found: { at: number; phrase: string }[] = [];
  for (const { phrase, words } of phrases) {
    for (let at = 0; at + words.length <= heard.length; at++) {
      if (words.every((word, i) => heard[at + i] === word)) {
        found.push({ at, phrase });
        break;
      }
    }
  }
  return found.sort((a, b) => a.at - b.at).map((match) => match.phrase);
}
