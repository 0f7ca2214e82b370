import { ApiError, apiErrorFrom, NetworkError } from "./api-error";

/** One request to the HTTP API (docs/api.md): JSON in and out, and its errors as ApiError or NetworkError. */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: init.body !== undefined ? { "content-type": "application/json", ...init.headers } : init.headers,
      cache: "no-store",
    });
  } catch {
    // The browser's own words ("Failed to fetch", "NetworkError when attempting to fetch resource") say nothing to a person.
    throw new NetworkError("The server cannot be reached. Check your connection and try again.");
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (response.status === 401) {
    // Signed out since the page loaded (another tab, an expired session): say what to do, keep what is on screen.
    throw new ApiError(
      401,
      "unauthenticated",
      "You are signed out. Sign in again in another tab, then try once more; nothing on this page is lost.",
    );
  }
  if (!response.ok) throw apiErrorFrom(response.status, body);
  // The API's answers follow docs/api.md; the caller names the documented shape.
  return body as T;
}
