import { RE2JS, RE2JSException } from "re2js";

/**
 * Regular expressions from flows run on RE2 (re2js, a maintained pure-JavaScript port): matching takes time linear in
 * the input, whatever the pattern. The JavaScript engine backtracks, so `^(a+)+$` on 27 a's and a "!" held the one
 * event loop of every caller for seconds, doubling with each further character. The price is the few features that
 * need backtracking (backreferences, lookaround), which are refused with a message saying so.
 */
export interface LinearRegex {
  /** Whether the pattern matches anywhere in the text (what `RegExp.test` answers). */
  test(text: string): boolean;
  /** The compiled program's instruction count: a match costs up to this much per input character (see limits.ts). */
  readonly programSize: number;
}

/** A pattern that cannot run: the message says why, in words meant for the person who wrote it. */
export class RegexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegexError";
  }
}

const LINEAR = "patterns run in linear time";

/** Features RE2 cannot run, by the syntax that introduces them (outside a character class). */
const UNSUPPORTED_GROUPS: ReadonlyArray<readonly [string, string]> = [
  ["(?=", `Lookahead (?=…) is not supported: ${LINEAR}`],
  ["(?!", `Negative lookahead (?!…) is not supported: ${LINEAR}`],
  ["(?<=", `Lookbehind (?<=…) is not supported: ${LINEAR}`],
  ["(?<!", `Negative lookbehind (?<!…) is not supported: ${LINEAR}`],
];

/**
 * Compiles a pattern written for JavaScript (`flags` from `imsu`; `u` changes nothing, as RE2 always reads code points).
 * JavaScript-only spellings such as `\u00e9` are translated to RE2's by re2js. Throws RegexError.
 */
export function compileLinearRegex(pattern: string, flags = ""): LinearRegex {
  const unsupported = unsupportedFeature(pattern);
  if (unsupported) throw new RegexError(unsupported);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(RE2JS.translateRegExp(pattern), re2Flags(flags));
  } catch (error) {
    if (error instanceof RE2JSException) throw new RegexError(`This regular expression does not work: ${re2Reason(error.message)}`);
    throw error;
  }
  return { test: (text) => compiled.test(text), programSize: compiled.programSize() };
}

/** Why a pattern cannot run, or null when it can. */
export function linearRegexProblem(pattern: string, flags = ""): string | null {
  try {
    compileLinearRegex(pattern, flags);
    return null;
  } catch (error) {
    if (error instanceof RegexError) return error.message;
    throw error;
  }
}

function re2Flags(flags: string): number {
  let bits = 0;
  if (flags.includes("i")) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes("m")) bits |= RE2JS.MULTILINE;
  if (flags.includes("s")) bits |= RE2JS.DOTALL;
  return bits;
}

/** re2js says "error parsing regexp: missing closing ): `(a`"; the first words add nothing for a person. */
function re2Reason(message: string): string {
  return message.replace(/^error parsing regexp: /, "");
}

/**
 * Backreferences and lookaround, found before RE2 sees the pattern: RE2 would call `(?<=a)` an "invalid named
 * capture" and `\1` an "invalid escape sequence", and re2js's translation quietly turns `\k<name>` into the letters
 * `k<name>`. Escapes and character classes are skipped, so `[(?=]` and `\(?=` stay literal characters.
 */
function unsupportedFeature(pattern: string): string | null {
  let inClass = false;
  for (let at = 0; at < pattern.length; at += 1) {
    const char = pattern[at];
    if (char === "\\") {
      const next = pattern[at + 1] ?? "";
      if (!inClass && next >= "1" && next <= "9") return `Backreferences (\\${next}) are not supported: ${LINEAR}`;
      if (!inClass && next === "k" && pattern[at + 2] === "<") return `Named backreferences (\\k<…>) are not supported: ${LINEAR}`;
      at += 1;
    } else if (inClass) {
      if (char === "]") inClass = false;
    } else if (char === "[") {
      inClass = true;
      // A `]` right after `[` or `[^` is a literal member, not the end of the class.
      if (pattern[at + 1] === "^") at += 1;
      if (pattern[at + 1] === "]") at += 1;
    } else if (char === "(") {
      for (const [syntax, message] of UNSUPPORTED_GROUPS) if (pattern.startsWith(syntax, at)) return message;
    }
  }
  return null;
}
