import { afterEach, describe, expect, it } from "vitest";
import { setLiveKitEnvironment } from "@/lib/testing/livekit-environment";
import { POST } from "./route";

/*
 * The route's own wiring (the configuration it reads, the answers it gives before any database work). What it does
 * with real deliveries from a real livekit-server is in lib/server/livekit-faults.test.ts.
 */

let restoreLiveKitEnvironment: () => void = () => undefined;
afterEach(() => restoreLiveKitEnvironment());

const post = (headers: Record<string, string> = {}) =>
  POST(new Request("http://localhost/api/livekit/webhook", { method: "POST", body: '{"event":"room_finished"}', headers }));

describe("POST /api/livekit/webhook", () => {
  it("refuses a delivery without LiveKit's Authorization header, or with one that is not a JWT of the key pair, with 401", async () => {
    restoreLiveKitEnvironment = setLiveKitEnvironment({
      url: "ws://127.0.0.1:7880",
      apiKey: "routekey",
      apiSecret: "route-secret-route-secret-route-secret-01",
    });
    for (const headers of [{}, { authorization: "Bearer not-a-jwt" }] as Array<Record<string, string>>) {
      const response = await post(headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "webhook_unauthorized", message: expect.any(String) } });
    }
  });

  it("answers 503 livekit_off, saying what to set, when LiveKit is not configured", async () => {
    restoreLiveKitEnvironment = setLiveKitEnvironment(null);
    const response = await post({ authorization: "anything" });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: "livekit_off", message: expect.stringContaining("LIVEKIT_URL") } });
  });
});
