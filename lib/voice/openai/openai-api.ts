/**
 * Where an OpenAI-compatible speech API lives and how to reach it: OpenAI itself, or a self-hosted server that speaks
 * the same API (its base URL in `baseUrl`). The key is sent as a bearer token; a server that needs none gets none.
 */
export interface OpenAiApiOptions {
  /** Up to and including the version, e.g. "https://api.openai.com/v1" or "http://127.0.0.1:8000/v1". */
  baseUrl: string;
  apiKey?: string;
  /** A request that has not answered by then fails (default 30 s). */
  timeoutMs?: number;
}

export const OPENAI_BASE_URL = "https://api.openai.com/v1";

/** The options from the environment: OPENAI_BASE_URL (default OpenAI's) and OPENAI_API_KEY. */
export function openAiApiFromEnvironment(environment: NodeJS.ProcessEnv = process.env): OpenAiApiOptions {
  return { baseUrl: environment.OPENAI_BASE_URL || OPENAI_BASE_URL, apiKey: environment.OPENAI_API_KEY || undefined };
}

/** A request to an OpenAI-compatible API that failed, with the answer's status (0: no answer) and its message. */
export class OpenAiApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "OpenAiApiError";
  }
}

/**
 * POSTs to `path` under the base URL and returns the answer when it is 2xx. Anything else becomes an OpenAiApiError
 * naming the server and its own error message (`{ error: { message } }` in OpenAI's API), never the whole body.
 */
export async function postToOpenAi(
  api: OpenAiApiOptions,
  path: string,
  body: BodyInit,
  signal?: AbortSignal,
  contentType?: string,
): Promise<Response> {
  const url = `${api.baseUrl.replace(/\/+$/, "")}${path}`;
  const headers: Record<string, string> = {};
  if (api.apiKey) headers.authorization = `Bearer ${api.apiKey}`;
  if (contentType) headers["content-type"] = contentType;
  const timeout = AbortSignal.timeout(api.timeoutMs ?? 30_000);
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers, body, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (error) {
    if (signal?.aborted) throw error;
    const reason = timeout.aborted
      ? "did not answer in time"
      : `could not be reached (${error instanceof Error ? error.message : String(error)})`;
    throw new OpenAiApiError(0, `The speech API at ${api.baseUrl} ${reason}`);
  }
  if (response.ok) return response;
  const text = await response.text().catch(() => "");
  let message = text.slice(0, 200);
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === "string") message = parsed.error.message.slice(0, 200);
  } catch {
    // not JSON: the start of the body says enough
  }
  throw new OpenAiApiError(response.status, `The speech API at ${api.baseUrl} answered ${response.status}${message ? `: ${message}` : ""}`);
}
