import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSessionToken } from "../auth/session-token";
import { flowTemplates } from "../flow/samples";
import { InMemoryFlowLookup } from "../testing/in-memory-flow-lookup";
import { RecordingClient } from "../testing/socket-client";
import { freePort, TestRedis } from "../testing/test-redis";
import { attachRuntimeServer, type RuntimeServer } from "./runtime-server";

const SECRET = "cluster-secret-cluster-secret-cluster-01";

async function waitUntil(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("two runtime processes joined by the Redis adapter", () => {
  const servers: Array<{ runtime: RuntimeServer; url: string; log: string[] }> = [];
  const lookup = new InMemoryFlowLookup();
  let redis: TestRedis;

  beforeAll(async () => {
    redis = new TestRedis(await freePort());
    await redis.start();
    const sample = flowTemplates[0];
    if (!sample) throw new Error("missing sample");
    lookup.put("user", "sample", sample.graph());
    for (let index = 0; index < 2; index += 1) {
      const httpServer = createServer();
      const log: string[] = [];
      const runtime = await attachRuntimeServer({
        httpServer,
        lookup,
        secret: () => SECRET,
        redisUrl: redis.url,
        log: (line) => log.push(line),
      });
      await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
      servers.push({ runtime, url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, log });
    }
  });

  afterAll(async () => {
    await Promise.all(servers.map(({ runtime }) => runtime.shutdown()));
    await redis.kill();
  });

  async function callOn(url: string): Promise<{ client: RecordingClient; sessionId: string }> {
    const { token } = await issueSessionToken({ sub: "user", workspaceId: "user", flowId: "sample" }, SECRET);
    const client = new RecordingClient(url, { token });
    await client.connected();
    const { data } = await client.waitForEvent("session");
    return { client, sessionId: data.sessionId };
  }

  it("lets one process end a session that another process holds, through the End path", async () => {
    const [first, second] = servers;
    if (!first || !second) throw new Error("servers missing");
    const { client, sessionId } = await callOn(second.url);
    expect(first.runtime.registry.get(sessionId)).toBeUndefined();

    expect(await first.runtime.endSession(sessionId, "operator", { goodbye: "Ended by an operator." })).toEqual({ kind: "ended" });
    await client.waitForEvent("disconnect");
    expect(client.timeline().slice(-3)).toEqual(["reply:Ended by an operator.", "end:operator", "disconnect:io server disconnect"]);
    await second.runtime.registry.whenEmpty();
    expect(await first.runtime.endSession(sessionId, "operator")).toEqual({ kind: "gone" });
  });

  it("answers at once that the other process is unreachable while Redis is down, logs it once, and recovers when Redis is back", async () => {
    const [first, second] = servers;
    if (!first || !second) throw new Error("servers missing");
    const { client, sessionId } = await callOn(second.url);

    await redis.kill();
    await waitUntil(() => first.log.some((line) => line.includes("is unreachable")));
    const started = Date.now();
    const outcome = await first.runtime.endSession(sessionId, "operator");
    expect(outcome).toMatchObject({ kind: "unreachable", message: expect.stringContaining("Redis") });
    expect(Date.now() - started).toBeLessThan(3500);
    // Reconnection attempts go on meanwhile; each process says it once.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(first.log.filter((line) => line.includes("is unreachable"))).toHaveLength(1);
    expect(client.socket.connected).toBe(true);

    await redis.start();
    await waitUntil(() => servers.every(({ log }) => log.some((line) => line.includes("reachable again"))));
    expect(await first.runtime.endSession(sessionId, "operator")).toEqual({ kind: "ended" });
    await client.waitForEvent("disconnect");
    expect(client.timeline().slice(-2)).toEqual(["end:operator", "disconnect:io server disconnect"]);
  });
});
