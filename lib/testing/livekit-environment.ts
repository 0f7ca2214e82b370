/** The variables that switch LiveKit on (lib/config/livekit-config.ts). */
const LIVEKIT_VARIABLES = ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"] as const;

/**
 * Points this process's LiveKit settings at a test's server (or clears them with `null`), and returns what puts
 * back the ones it found, so a test file leaves the environment as it was for the next.
 */
export function setLiveKitEnvironment(server: { url: string; apiKey: string; apiSecret: string } | null): () => void {
  const saved = LIVEKIT_VARIABLES.map((name) => [name, process.env[name]] as const);
  const values = server ? [server.url, server.apiKey, server.apiSecret] : [undefined, undefined, undefined];
  LIVEKIT_VARIABLES.forEach((name, index) => assign(name, values[index]));
  return () => {
    for (const [name, value] of saved) assign(name, value);
  };
}

function assign(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
