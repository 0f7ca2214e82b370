import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSessionToken } from "../auth/session-token";
import { flowTemplates } from "../flow/samples";
import { InMemoryFlowLookup } from "../testing/in-memory-flow-lookup";
import { RecordingClient } from "../testing/socket-client";
import { attachRuntimeServer, type RuntimeServer } from "./runtime-server";

const SECRET = "cluster-secret-cluster-secret-cluster-01";
const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl && process.env.CI) throw new Error("TEST_REDIS_URL is required in CI (scripts/test.sh starts a Redis on 127.0.0.1:6390)");
if (!redisUrl) console.warn("[cluster.test] TEST_REDIS_URL is not set: skipping the scale-out tests (npm test sets it)");

describe.skipIf(!redisUrl)("two runtime processes joined by the Redis adapter", () => {
  const servers: Array<{ runtime: RuntimeServer; url: string }> = [];
  const lookup = new InMemoryFlowLookup();

  beforeAll(async () => {
    const sample = flowTemplates[0];
    if (!sample) throw new Error("missing sample");
    lookup.put("user", "sample", sample.graph());
    for (let index = 0; index < 2; index += 1) {
      const httpServer = createServer();
      const runtime = await attachRuntimeServer({ httpServer, lookup, secret: () => SECRET, redisUrl });
      await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
      servers.push({ runtime, url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` });
    }
  });

  afterAll(async () => {
    await Promise.all(servers.map(({ runtime }) => runtime.shutdown()));
  });

  it("lets one process end a session that another process holds, through the End path", async () => {
    const [first, second] = servers;
    if (!first || !second) throw new Error("servers missing");
    const { token } = issueSessionToken({ sub: "user", flowId: "sample" }, SECRET);
    const client = new RecordingClient(second.url, { token });
    await client.connected();
    const { data } = await client.waitForEvent("session");
    expect(first.runtime.registry.get(data.sessionId)).toBeUndefined();

    expect(await first.runtime.endSession(data.sessionId, "operator", { goodbye: "Ended by an operator." })).toBe(true);
    await client.waitForEvent("disconnect");
    expect(client.timeline().slice(-3)).toEqual(["reply:Ended by an operator.", "end:operator", "disconnect:io server disconnect"]);
    await second.runtime.registry.whenEmpty();
    expect(await first.runtime.endSession(data.sessionId, "operator")).toBe(false);
  });
});
