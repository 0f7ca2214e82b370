import type { z } from "zod";
import { ApiError } from "./api-error";

/** Largest request body the API reads (docs/api.md). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Reads a JSON body, refusing more than `limit` bytes before holding them (the declared length first, then the
 * bytes as they arrive, since a client may lie or stream). An empty body reads as undefined. A body must say it is
 * JSON: a browser sends `text/plain` or form bodies to another site without asking first (no CORS preflight), so
 * insisting on `application/json` keeps a forged cross-site form from ever being read as a request.
 */
export async function readJson(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const isJson = isJsonContentType(request.headers.get("content-type"));
  if (!isJson && Number.isFinite(declared) && declared > 0) throw unsupportedMediaType(request);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  if (!isJson) throw unsupportedMediaType(request);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, "invalid_json", `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Reads and checks a JSON body against a schema; a mismatch is 400 `invalid_request` naming the field. */
export async function readBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  const body = await readJson(request);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` (at ${first.path.join(".")})` : "";
    throw new ApiError(400, "invalid_request", `${first?.message ?? "The request is not valid"}${where}`);
  }
  return parsed.data;
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
function isJsonContentType(header: string | null): boolean {
  return header?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

function unsupportedMediaType(request: Request): ApiError {
  const declared = request.headers.get("content-type");
  return new ApiError(
    415,
    "unsupported_media_type",
    `The body must be JSON sent with Content-Type: application/json${declared ? ` (this one is ${JSON.stringify(declared.slice(0, 100))})` : ""}`,
  );
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, "payload_too_large", `The body is larger than ${limit / 1024 / 1024} MiB`);
}
