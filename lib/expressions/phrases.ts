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
  // Padded once here, so a phrase only matches whole words: " book " is not in " my notebook ".
  const needles = phrases
    .map(normalizeForMatching)
    .filter((phrase) => phrase !== "")
    .map((phrase) => ` ${phrase} `);
  return (utterance) => {
    if (utterance === "") return false;
    const padded = ` ${utterance} `;
    for (const needle of needles) if (padded.includes(needle)) return true;
    return false;
  };
}
