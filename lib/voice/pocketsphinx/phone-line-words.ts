/**
 * How an expected word sounds through an 8 kHz phone line to the 16 kHz acoustic model. A phone line carries nothing
 * above 4 kHz, where most of /s/ and /z/ lies, so what is left of them is the weak low end that /f/ and /v/ also
 * have (the s/f confusion telephony is known for). The model, trained on wideband speech, hears "speak to someone"
 * down the line as "be for from want". A listen's grammar therefore has a second, phone-line form in which each
 * expected word may also be said with /f/ for a first or last /s/ and /v/ for a /z/ ("F P IY K" for "speak").
 *
 * Measured over bench:voice-accuracy's 360 phone-line lines, decoded whole: 90.3% right with the grammar alone, 98.6%
 * with these forms; the same forms inside a word ("cancel" as "K AE N F AH L") took the place of "call me" and "can
 * you", and dropping the sounds outright (93.9%) or these forms on wideband lines (false accepts 5 → 12 of 180
 * out-of-grammar lines) did worse. Only the phone-line search uses them: see stt-worker.ts.
 */
const THROUGH_A_PHONE_LINE: Readonly<Record<string, string>> = { S: "F", Z: "V" };

/** Marks a phone-line form in the dictionary ("speak_phoneline"); a suffix no dictionary word has. */
const SUFFIX = "_phoneline";

/** The word's pronunciation as a phone line delivers it, or null when the line leaves it as it is. */
export function phoneLinePronunciation(phones: string): string | null {
  const list = phones.split(" ");
  const last = list.length - 1;
  const changed = list.map((phone, index) => ((index === 0 || index === last) && THROUGH_A_PHONE_LINE[phone]) || phone);
  const result = changed.join(" ");
  return result === phones ? null : result;
}

/** The dictionary word for a phone-line form of `word`. */
export function phoneLineWord(word: string): string {
  return `${word}${SUFFIX}`;
}

/** A transcript of the phone-line search in plain words ("speak_phoneline to someone" → "speak to someone"). */
export function fromPhoneLineWords(text: string): string {
  return text.split(SUFFIX).join("");
}
