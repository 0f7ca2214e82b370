import { describe, expect, it } from "vitest";
import { LIVEKIT_DISABLED_MESSAGE, liveKitConfigFromEnvironment, liveKitHttpUrl } from "./livekit-config";

const secret = "a-secret-of-at-least-thirty-two-characters";

describe("LiveKit configuration from the environment", () => {
  it("is off when none of the three variables is set, and the message says how to turn it on", () => {
    expect(liveKitConfigFromEnvironment({})).toBeNull();
    expect(LIVEKIT_DISABLED_MESSAGE).toMatch(/LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET/);
  });

  it("is on with all three", () => {
    const env = { LIVEKIT_URL: "wss://project.livekit.cloud", LIVEKIT_API_KEY: "APIkey", LIVEKIT_API_SECRET: secret };
    expect(liveKitConfigFromEnvironment(env)).toEqual({ url: "wss://project.livekit.cloud", apiKey: "APIkey", apiSecret: secret });
  });

  it("gives callers LIVEKIT_PUBLIC_URL when they reach the server by another name than the runtime", () => {
    const env = {
      LIVEKIT_URL: "ws://livekit:7880",
      LIVEKIT_PUBLIC_URL: "wss://rtc.example.com",
      LIVEKIT_API_KEY: "k",
      LIVEKIT_API_SECRET: secret,
    };
    expect(liveKitConfigFromEnvironment(env)).toMatchObject({ url: "ws://livekit:7880", publicUrl: "wss://rtc.example.com" });
  });

  it("refuses a half-set, malformed or weak configuration with what to fix", () => {
    expect(() => liveKitConfigFromEnvironment({ LIVEKIT_URL: "ws://127.0.0.1:7880" })).toThrow(
      "LIVEKIT_API_KEY and LIVEKIT_API_SECRET are not set",
    );
    expect(() => liveKitConfigFromEnvironment({ LIVEKIT_URL: "not a url", LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: secret })).toThrow(
      "LIVEKIT_URL is not a URL",
    );
    expect(() => liveKitConfigFromEnvironment({ LIVEKIT_URL: "ftp://x", LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: secret })).toThrow(
      "ftp:",
    );
    expect(() => liveKitConfigFromEnvironment({ LIVEKIT_URL: "ws://x", LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: "short" })).toThrow(
      "at least 32",
    );
  });

  it("gives the server API's HTTP address for a WebSocket URL", () => {
    expect(liveKitHttpUrl("wss://project.livekit.cloud")).toBe("https://project.livekit.cloud");
    expect(liveKitHttpUrl("ws://127.0.0.1:7880")).toBe("http://127.0.0.1:7880");
  });
});
