import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/*
 * docker-compose.yml is for users' machines (there is no Docker engine here to start it): this reads it as Compose
 * would, and checks that the services name each other as the others expect.
 */
interface Service {
  image?: string;
  profiles?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
}

const compose = parse(readFileSync(path.join(import.meta.dirname, "..", "docker-compose.yml"), "utf8")) as {
  services: Record<string, Service>;
};
const services = compose.services;

/** A service's embedded YAML config, with Compose's `${NAME:-default}` and `${NAME:?message}` filled in. */
function embeddedConfig(service: Service, variable: string): Record<string, unknown> {
  const body = service.environment?.[variable];
  if (!body) throw new Error(`no ${variable}`);
  return parse(body.replace(/\$\{[A-Z_]+:[-?]([^}]*)\}/g, (_, fallback: string) => (fallback.includes(" ") ? "secret" : fallback)));
}

describe("docker-compose.yml", () => {
  it("runs the app and a runtime on PostgreSQL and Redis, with livekit-server beside them", () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(["app", "runtime", "postgres", "redis", "livekit", "sip"]));
    const livekit = embeddedConfig(services.livekit!, "LIVEKIT_CONFIG");
    expect(livekit).toMatchObject({ port: 7880, redis: { address: "redis:6379" } });
    expect(services.app!.environment).toMatchObject({ LIVEKIT_URL: expect.stringContaining("ws://livekit:7880") });
  });

  it("has the phone path as an opt-in profile: LiveKit's SIP bridge on the livekit service's Redis, key and port", () => {
    const sip = services.sip!;
    expect(sip.image).toMatch(/^livekit\/sip:v\d+\.\d+\.\d+$/);
    expect(sip.profiles).toEqual(["phone"]);
    const config = embeddedConfig(sip, "SIP_CONFIG_BODY");
    const livekit = embeddedConfig(services.livekit!, "LIVEKIT_CONFIG");
    expect(config).toMatchObject({ ws_url: `ws://livekit:${String(livekit.port)}`, redis: livekit.redis, sip_port: 5060 });
    expect(sip.environment?.SIP_CONFIG_BODY).toContain("${LIVEKIT_API_KEY:-switchboard}");
    expect(services.livekit!.environment?.LIVEKIT_KEYS).toContain("${LIVEKIT_API_KEY:-switchboard}");
    // Every RTP port it may pick is published.
    const [low, high] = String(config.rtp_port).split("-").map(Number);
    expect(sip.ports).toEqual(expect.arrayContaining(["5060:5060/udp", `${low}-${high}:${low}-${high}/udp`]));
    expect(Object.keys(sip.depends_on ?? {})).toEqual(expect.arrayContaining(["redis", "livekit"]));
  });
});
