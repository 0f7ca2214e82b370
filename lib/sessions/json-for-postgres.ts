/** A JSON escape of NUL that is not itself escaped (an odd number of backslashes before `u0000`). */
const ESCAPED_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/**
 * Turns an event body into JSON text PostgreSQL accepts. jsonb refuses the NUL character, which a caller can type,
 * and would refuse the whole batch with it; undefined fields are dropped as JSON.stringify does. The NUL is replaced
 * in the text, not by a replacer function: a replacer made this a visible share of the event loop under load.
 */
export function jsonTextForPostgres(value: unknown): string {
  const text = JSON.stringify(value) ?? "null";
  return text.includes("\\u0000") ? text.replace(ESCAPED_NUL, "$1\uFFFD") : text;
}
