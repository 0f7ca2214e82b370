/** A request to a speech vendor's HTTP API that failed, with the answer's status (0: no answer) and its message. */
export class SpeechApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "SpeechApiError";
  }
}

export interface SpeechApiRequest {
  /** How the server is named in errors: its base URL. */
  server: string;
  url: string;
  headers: Record<string, string>;
  body: BodyInit;
  signal?: AbortSignal;
  /** A request that has not answered by then fails (default 30 s). */
  timeoutMs?: number;
}

/**
 * POSTs and returns the answer when it is 2xx. Anything else is a SpeechApiError naming the server and its own error
 * message (OpenAI's `{ error: { message } }`, ElevenLabs' `{ detail: { message } }` or `{ detail: "…" }`), never the
 * whole body; no answer says whether the server could not be reached or did not answer in time. A caller's abort
 * stays an abort.
 */
export async function postSpeechRequest(request: SpeechApiRequest): Promise<Response> {
  const timeout = AbortSignal.timeout(request.timeoutMs ?? 30_000);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    const reason = timeout.aborted
      ? "did not answer in time"
      : `could not be reached (${error instanceof Error ? error.message : String(error)})`;
    throw new SpeechApiError(0, `The speech API at ${request.server} ${reason}`);
  }
  if (response.ok) return response;
  const message = vendorMessage(await response.text().catch(() => ""));
  throw new SpeechApiError(
    response.status,
    `The speech API at ${request.server} answered ${response.status}${message ? `: ${message}` : ""}`,
  );
}

function vendorMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown }; detail?: unknown };
    const detail = parsed.detail as { message?: unknown } | string | undefined;
    const message = parsed.error?.message ?? (typeof detail === "string" ? detail : detail?.message);
    if (typeof message === "string") return message.slice(0, 200);
  } catch {
    // not JSON: the start of the body says enough
  }
  return text.slice(0, 200);
}
