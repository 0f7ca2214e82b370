/** Prisma's codes for a database it cannot reach or lost (P1001 unreachable, P1017 closed, P2024 no free connection). */
const PRISMA_UNREACHABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** node-pg's socket errors. */
const SOCKET_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);

/**
 * Whether an error says the database is out of reach (down, restarting, connection lost) rather than that a query was
 * wrong: such a failure passes once the database is back, so callers answer 503 or retry instead of giving up.
 * PostgreSQL's own: class 08 (connection exception) and 57P01-57P03 (shutting down, cannot connect now).
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (!(error instanceof Error) || !("code" in error)) return false;
  const { code } = error;
  if (typeof code !== "string") return false;
  return PRISMA_UNREACHABLE.has(code) || SOCKET_ERRORS.has(code) || /^08...$/.test(code) || /^57P0[123]$/.test(code);
}
