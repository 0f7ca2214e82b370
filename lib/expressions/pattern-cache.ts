import { formatLimit } from "./limit-error";
import { EVALUATION_LIMITS } from "./limits";
import { compileLinearRegex, RegexError, type LinearRegex } from "./linear-regex";

/**
 * Patterns that CEL's `matches` receives at run time, compiled once each and kept for the process, least recently used
 * first out: a pattern is usually a literal of a flow's expression, met again by every session of that flow, and
 * compiling costs far more than matching. Bounded, because a pattern may also come from a variable (any text at all).
 */
const compiled = new Map<string, LinearRegex | RegexError>();

/**
 * The compiled pattern (case-sensitive, no flags: CEL writes them inline, `(?i)`); throws RegexError. A pattern that
 * does not compile is kept too, with its error: `list.all(x, x.matches(bad))` goes on after an error, and would
 * otherwise compile the same bad pattern once per item.
 */
export function cachedLinearRegex(pattern: string): LinearRegex {
  let entry = compiled.get(pattern);
  if (entry) {
    // Re-inserting moves the entry to the young end of the Map's insertion order.
    compiled.delete(pattern);
  } else {
    entry = compileEntry(pattern);
    if (compiled.size >= EVALUATION_LIMITS.dynamicPatternCache) {
      const oldest = compiled.keys().next();
      if (!oldest.done) compiled.delete(oldest.value);
    }
  }
  compiled.set(pattern, entry);
  if (entry instanceof RegexError) throw entry;
  return entry;
}

/** Why a pattern cannot run as a `matches` pattern, or null; compiled and kept when it can. */
export function matchesPatternProblem(pattern: string): string | null {
  try {
    cachedLinearRegex(pattern);
    return null;
  } catch (error) {
    if (error instanceof RegexError) return error.message;
    throw error;
  }
}

function compileEntry(pattern: string): LinearRegex | RegexError {
  if (pattern.length > EVALUATION_LIMITS.maxDynamicPatternLength)
    return new RegexError(`Patterns are at most ${formatLimit(EVALUATION_LIMITS.maxDynamicPatternLength)} characters`);
  try {
    return compileLinearRegex(pattern);
  } catch (error) {
    if (error instanceof RegexError) return error;
    throw error;
  }
}

/** How many patterns are kept (tests check the bound). */
export function cachedPatternCount(): number {
  return compiled.size;
}
