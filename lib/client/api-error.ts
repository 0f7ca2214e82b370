import type { FlowIssue } from "@/lib/flow";
import type { FlowRecord } from "./api-types";

/** An error answer of the HTTP API: `{ error: { code, message, issues?, current? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FlowIssue[] = [],
    /** On a 409 `revision_conflict`: the newer flow someone else saved. */
    readonly current?: FlowRecord,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A request that never got an answer (offline, server down). */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NetworkError";
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Builds an ApiError from a failed response's body, tolerating bodies that are not the documented shape. */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === "string" ? error.code : `http_${status}`;
  const message = typeof error.message === "string" ? error.message : `The server answered ${status}`;
  // Issues and the current flow come from our own API (docs/api.md); their shapes are trusted, not re-parsed.
  const issues = Array.isArray(error.issues) ? (error.issues as FlowIssue[]) : [];
  const currentRaw = isRecord(error.current) ? error.current : isRecord(body) && isRecord(body.current) ? body.current : undefined;
  return new ApiError(status, code, message, issues, currentRaw as FlowRecord | undefined);
}
