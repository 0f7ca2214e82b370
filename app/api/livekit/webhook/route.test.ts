import { afterEach, describe, expect, it } from "vitest";
import { POST } from "./route";

/*
 * The route's own wiring (the configuration it reads, the answers it gives before any database work). What it does
 * with real deliveries from a real livekit-server is in lib/server/livekit-faults.test.ts.
 */

const saved = { url: process.env.LIVEKIT_URL, key: process.env.LIVEKIT_API_KEY, secret: process.env.LIVEKIT_API_SECRET };

afterEach(() => {
  for (const [name, value] of [
    ["LIVEKIT_URL", saved.url],
    ["LIVEKIT_API_KEY", saved.key],
    ["LIVEKIT_API_SECRET", saved.secret],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const post = (headers: Record<string, string> = {}) =>
  POST(new Request("http://localhost/api/livekit/webhook", { method: "POST", body: '{"event":"room_finished"}', headers }));

describe("POST /api/livekit/webhook", () => {
  it("refuses a delivery without LiveKit's Authorization header, or with one that is not a JWT of the key pair, with 401", async () => {
    process.env.LIVEKIT_URL = "ws://127.0.0.1:7880";
    process.env.LIVEKIT_API_KEY = "routekey";
    process.env.LIVEKIT_API_SECRET = "route-secret-route-secret-route-secret-01";
    for (const headers of [{}, { authorization: "Bearer not-a-jwt" }] as Array<Record<string, string>>) {
      const response = await post(headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "webhook_unauthorized", message: expect.any(String) } });
    }
  });

  it("answers 503 livekit_off, saying what to set, when LiveKit is not configured", async () => {
    delete process.env.LIVEKIT_URL;
    delete process.env.LIVEKIT_API_KEY;
    delete process.env.LIVEKIT_API_SECRET;
    const response = await post({ authorization: "anything" });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: "livekit_off", message: expect.stringContaining("LIVEKIT_URL") } });
  });
});
