/**
 * Turns an event body into JSON text PostgreSQL accepts. jsonb refuses the NUL character, which a caller can type,
 * and would refuse the whole batch with it; undefined fields are dropped as JSON.stringify does.
 */
export function jsonTextForPostgres(value: unknown): string {
  const text = JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "string" ? inner.replaceAll("\u0000", "\uFFFD") : inner));
  return text ?? "null";
}
