/** Where a LiveKit server is and the key pair this deployment signs its tokens and server API calls with. */
export interface LiveKitConfig {
  /** The server's WebSocket URL (`wss://…` for LiveKit Cloud, `ws://127.0.0.1:7880` for a local server). */
  url: string;
  /** The URL callers are given, when they reach the server by another name than the runtime does (LIVEKIT_PUBLIC_URL). */
  publicUrl?: string;
  apiKey: string;
  apiSecret: string;
}

/** Why LiveKit is off here, and how to turn it on; shown by the runtime at start and by the API when asked for a token. */
export const LIVEKIT_DISABLED_MESSAGE =
  "LiveKit is off: set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET (a LiveKit Cloud project's, or a self-hosted " +
  "livekit-server's; see the README's LiveKit section) to run calls in LiveKit rooms";

/** livekit-server refuses to start with a secret shorter than this. */
const MIN_SECRET_LENGTH = 32;

/**
 * LiveKit's settings from the environment: all three set means on, none set means off (null); some but not all, a bad
 * URL or a short secret are configuration mistakes and throw with what to fix.
 */
export function liveKitConfigFromEnvironment(env: Partial<Record<string, string>> = process.env): LiveKitConfig | null {
  const url = env.LIVEKIT_URL?.trim() ?? "";
  const apiKey = env.LIVEKIT_API_KEY?.trim() ?? "";
  const apiSecret = env.LIVEKIT_API_SECRET?.trim() ?? "";
  const given = [url, apiKey, apiSecret].filter((value) => value !== "").length;
  if (given === 0) return null;
  if (given < 3) {
    const missing = [...(url ? [] : ["LIVEKIT_URL"]), ...(apiKey ? [] : ["LIVEKIT_API_KEY"]), ...(apiSecret ? [] : ["LIVEKIT_API_SECRET"])];
    throw new Error(`LiveKit is half configured: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`LIVEKIT_URL is not a URL: expected ws://host:port or wss://host`);
  }
  if (!["ws:", "wss:", "http:", "https:"].includes(parsed.protocol))
    throw new Error(`LIVEKIT_URL must be a ws://, wss://, http:// or https:// URL (got ${parsed.protocol})`);
  if (apiSecret.length < MIN_SECRET_LENGTH) throw new Error(`LIVEKIT_API_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  const publicUrl = env.LIVEKIT_PUBLIC_URL?.trim();
  return publicUrl ? { url, publicUrl, apiKey, apiSecret } : { url, apiKey, apiSecret };
}

/** The server API's address (RoomServiceClient speaks HTTP) for a LiveKit URL given as ws:// or wss://. */
export function liveKitHttpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//, "http$1://");
}
