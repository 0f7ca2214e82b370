import { expect, it, vi } from "vitest";
import { responseForError } from "./api-error";

it("answers a database that cannot be reached with 503 database_unavailable, not a 500", async () => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  for (const code of ["P1001", "P1017", "P2024", "ECONNREFUSED", "57P01"]) {
    const response = responseForError(Object.assign(new Error("Can't reach database server"), { code }));
    expect([response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([503, "database_unavailable"]);
  }
  const other = responseForError(Object.assign(new Error("unique constraint"), { code: "P2002" }));
  expect(other.status).toBe(500);
});
