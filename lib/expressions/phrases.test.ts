import { describe, expect, it } from "vitest";
import { compilePhrases, normalizeForMatching } from "./phrases";

/** The general normalization, which the ASCII fast path must agree with. */
function reference(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

describe("normalizeForMatching", () => {
  it("gives the general result for every ASCII character and for mixed ASCII text", () => {
    const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
    for (const char of ascii) expect(normalizeForMatching(`a${char}B${char}${char}c`)).toBe(reference(`a${char}B${char}${char}c`));
    // A fixed pseudo-random sample of ASCII strings, so failures reproduce.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let sample = 0; sample < 2000; sample += 1) {
      const text = Array.from({ length: Math.floor(random() * 24) }, () => ascii[Math.floor(random() * 128)]).join("");
      expect(normalizeForMatching(text)).toBe(reference(text));
    }
  });

  it("normalizes non-ASCII text: width, case, accents kept, punctuation and odd spaces dropped", () => {
    for (const text of ["ＡＢＣ １２３", "naïve café—déjà vu", "Ça va? ¿Sí?", "x\u00a0y\u2003z", "ﬁne", "İstanbul ß", "emoji 😀 ok"])
      expect(normalizeForMatching(text)).toBe(reference(text));
    expect(normalizeForMatching("ＢＯＯＫ, please!")).toBe("book please");
  });
});

describe("compilePhrases", () => {
  it("matches whole words and phrases, never parts of words", () => {
    const matches = compilePhrases(["Book", "make an appointment", "!!!"]);
    expect(matches(normalizeForMatching("book"))).toBe(true);
    expect(matches(normalizeForMatching("Could I make an appointment?"))).toBe(true);
    expect(matches(normalizeForMatching("my notebook"))).toBe(false);
    expect(matches(normalizeForMatching("make an"))).toBe(false);
    expect(matches("")).toBe(false);
    expect(compilePhrases(["an"])("a banana an")).toBe(true);
    expect(compilePhrases(["an"])("banana anna")).toBe(false);
    expect(compilePhrases(["a b"])("a bc a b")).toBe(true);
  });
});
