import { LIVEKIT_DISABLED_MESSAGE, liveKitConfigFromEnvironment, liveKitHttpUrl } from "./livekit-config";

/** Whether this server can start LiveKit calls, and when not, what to set (`GET /api/livekit`, docs/api.md). */
export type LiveKitStatus = { configured: true; url: string } | { configured: false; reason: string };

/**
 * LiveKit's state as the editor sees it: on (with the URL browsers join), off (how to enable it), or half set up (the
 * configuration mistake, in the words the runtime refuses to start with).
 */
export function liveKitStatus(env: Partial<Record<string, string>> = process.env): LiveKitStatus {
  try {
    const config = liveKitConfigFromEnvironment(env);
    if (!config) return { configured: false, reason: LIVEKIT_DISABLED_MESSAGE };
    return { configured: true, url: config.publicUrl ?? config.url };
  } catch (error) {
    return { configured: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * What the pages' connect-src must allow for a test call over LiveKit: the server browsers join, over WebSocket (its
 * signalling) and HTTP (livekit-client's region and validation requests). Empty when LiveKit is off.
 */
export function liveKitConnectSources(env: Partial<Record<string, string>> = process.env): string[] {
  const status = liveKitStatus(env);
  if (!status.configured) return [];
  const websocket = new URL(status.url.replace(/^http(s?):\/\//, "ws$1://")).origin;
  const http = new URL(liveKitHttpUrl(status.url)).origin;
  return [websocket, http];
}
