/**
 * Phrase matching ignores case and punctuation: "Book!" matches "book", and a phrase matches when its
 * words appear together in the utterance ("I want to BOOK, please" matches "book").
 */
export function normalizeForMatching(text: string): string {
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
    if (utterance === "") return false;
    const padded = ` ${utterance} `;
    return needles.some((needle) => padded.includes(` ${needle} `));
  };
}
