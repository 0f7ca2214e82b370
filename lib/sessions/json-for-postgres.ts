import type { Prisma } from "../generated/prisma/client";

/**
 * Turns an event body into a JSON value PostgreSQL accepts. jsonb refuses the NUL character, which a caller can
 * type, and would refuse the whole batch with it; undefined fields are dropped as JSON.stringify would.
 */
export function jsonForPostgres(value: unknown): Prisma.InputJsonValue {
  const text = JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "string" ? inner.replaceAll("\u0000", "\uFFFD") : inner));
  // JSON.parse of JSON.stringify output is JSON by construction; the type system cannot see that.
  return JSON.parse(text ?? "null") as Prisma.InputJsonValue;
}
