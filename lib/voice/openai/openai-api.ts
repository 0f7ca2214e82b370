import { postSpeechRequest } from "../speech-api-request";

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

/** POSTs to `path` under the base URL, with the key as a bearer token (see postSpeechRequest for errors). */
export function postToOpenAi(
  api: OpenAiApiOptions,
  path: string,
  body: BodyInit,
  signal?: AbortSignal,
  contentType?: string,
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (api.apiKey) headers.authorization = `Bearer ${api.apiKey}`;
  if (contentType) headers["content-type"] = contentType;
  return postSpeechRequest({
    server: api.baseUrl,
    url: `${api.baseUrl.replace(/\/+$/, "")}${path}`,
    headers,
    body,
    signal,
    timeoutMs: api.timeoutMs,
  });
}
