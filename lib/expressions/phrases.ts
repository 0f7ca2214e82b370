/** Text that is all ASCII: no Unicode normalization or case folding beyond A-Z applies to it. */
const ASCII = /^[\x00-\x7f]*$/;
/** In ASCII, a run of anything but a letter or digit (punctuation and whitespace alike). */
const ASCII_SEPARATORS = /[^a-z0-9]+/g;

/**
 * Phrase matching ignores case and punctuation: "Book!" matches "book", and a phrase matches when its
 * words appear together in the utterance ("I want to BOOK, please" matches "book").
 */
export function normalizeForMatching(text: string): string {
  // Most utterances are ASCII, where NFKC changes nothing, the only letters and digits are [a-z0-9] once
  // lower-cased, and "punctuation to a space, then collapse whitespace" is one pass; the general path costs ~2×.
  if (ASCII.test(text)) return text.toLowerCase().replace(ASCII_SEPARATORS, " ").trim();
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Compiles phrases once; the result tests an already-normalized utterance. */
export function compilePhrases(phrases: readonly string[]): (normalizedUtterance: string) => boolean {
  const needles = phrases.map(normalizeForMatching).filter((phrase) => phrase !== "");
  return (utterance) => {
    for (const needle of needles) if (containsWords(utterance, needle)) return true;
    return false;
  };
}

const SPACE = 32;

/**
 * Whether `needle` occurs in `text` as whole words: what ` ${text} `.includes(` ${needle} `) tells for normalized
 * text (single spaces, none at the ends), without building two padded strings per test.
 */
function containsWords(text: string, needle: string): boolean {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if ((at === 0 || text.charCodeAt(at - 1) === SPACE) && (end === text.length || text.charCodeAt(end) === SPACE)) return true;
  }
  return false;
}
