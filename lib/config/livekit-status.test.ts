import { describe, expect, it } from "vitest";
import { LIVEKIT_DISABLED_MESSAGE } from "./livekit-config";
import { liveKitConnectSources, liveKitStatus } from "./livekit-status";

const secret = "s".repeat(32);

describe("liveKitStatus", () => {
  it("is off, saying which variables to set, when none is set", () => {
    expect(liveKitStatus({})).toEqual({ configured: false, reason: LIVEKIT_DISABLED_MESSAGE });
    expect(LIVEKIT_DISABLED_MESSAGE).toMatch(/LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET/);
  });

  it("is off with the configuration mistake when only some are set", () => {
    expect(liveKitStatus({ LIVEKIT_URL: "ws://127.0.0.1:7880" })).toEqual({
      configured: false,
      reason: "LiveKit is half configured: LIVEKIT_API_KEY and LIVEKIT_API_SECRET are not set",
    });
  });

  it("is on with the URL browsers join: the public one when given", () => {
    const env = { LIVEKIT_URL: "ws://livekit:7880", LIVEKIT_API_KEY: "key", LIVEKIT_API_SECRET: secret };
    expect(liveKitStatus(env)).toEqual({ configured: true, url: "ws://livekit:7880" });
    expect(liveKitStatus({ ...env, LIVEKIT_PUBLIC_URL: "wss://calls.example.com" })).toEqual({
      configured: true,
      url: "wss://calls.example.com",
    });
  });
});

describe("liveKitConnectSources", () => {
  it("allows the joined server over WebSocket and HTTP, and nothing when LiveKit is off", () => {
    expect(liveKitConnectSources({})).toEqual([]);
    const env = { LIVEKIT_URL: "ws://livekit:7880", LIVEKIT_API_KEY: "key", LIVEKIT_API_SECRET: secret };
    expect(liveKitConnectSources({ ...env, LIVEKIT_PUBLIC_URL: "wss://calls.example.com/" })).toEqual([
      "wss://calls.example.com",
      "https://calls.example.com",
    ]);
    expect(liveKitConnectSources({ ...env, LIVEKIT_URL: "https://project.livekit.cloud" })).toEqual([
      "wss://project.livekit.cloud",
      "https://project.livekit.cloud",
    ]);
  });
});
