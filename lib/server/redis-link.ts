import type { Server } from "socket.io";

/** The Redis connections joining this process's Socket.IO server to the others'. */
export interface RedisLink {
  /** Whether Redis answers now: cross-process requests are not even tried when it does not. */
  readonly ready: boolean;
  /** Closes both connections; never waits long on a Redis that is gone. */
  close(): Promise<void>;
}

const CLOSE_TIMEOUT_MS = 2000;
const CONNECT_WAIT_MS = 5000;

/**
 * Attaches `@socket.io/redis-adapter` with two node-redis clients. A lost Redis is logged once (not once per retry),
 * the clients reconnect by themselves (every 2 s at most), and its return is logged, after which everything works
 * again: node-redis resubscribes the adapter's channels and sends what was queued meanwhile.
 */
export async function attachRedisAdapter(io: Server, url: string, log: (line: string) => void): Promise<RedisLink> {
  const [{ createAdapter }, { createClient }] = await Promise.all([import("@socket.io/redis-adapter"), import("redis")]);
  const where = redactedUrl(url);
  const publisher = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) } });
  const subscriber = publisher.duplicate();
  let down = false;
  for (const client of [publisher, subscriber]) {
    // Without an 'error' listener node-redis throws; the adapter's own listener only warns that ours is missing.
    client.on("error", (error: unknown) => {
      if (down) return;
      down = true;
      log(
        `Redis at ${where} is unreachable (${error instanceof Error ? error.message || error.name : String(error)}); ` +
          "ending calls held by other processes is unavailable until it is back; retrying",
      );
    });
    client.on("ready", () => {
      if (!down || !publisher.isReady || !subscriber.isReady) return;
      down = false;
      log(`Redis at ${where} is reachable again`);
    });
  }
  // A runtime starts even while Redis is away (it joins the others once Redis answers): wait a little, not forever.
  const connected = Promise.all([publisher.connect(), subscriber.connect()]).then(() => true);
  connected.catch(() => undefined);
  const waited = await Promise.race([
    connected,
    new Promise<false>((resolve) => setTimeout(() => resolve(false), CONNECT_WAIT_MS).unref()),
  ]).catch(() => false);
  if (!waited) log(`starting without Redis at ${where} for now; this process joins the others once it answers`);
  io.adapter(createAdapter(publisher, subscriber, { requestsTimeout: 2000 }));
  return {
    get ready() {
      return publisher.isReady && subscriber.isReady;
    },
    async close() {
      await Promise.all(
        [publisher, subscriber].map(async (client) => {
          if (!client.isOpen) return;
          if (!client.isReady) return client.destroy();
          const timer = setTimeout(() => client.destroy(), CLOSE_TIMEOUT_MS);
          try {
            await client.close();
          } catch {
            client.destroy();
          } finally {
            clearTimeout(timer);
          }
        }),
      );
    },
  };
}

function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(invalid REDIS_URL)";
  }
}
