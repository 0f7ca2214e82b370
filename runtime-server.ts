/**
 * The session runtime alone, for scale-out: run several behind a load balancer with sticky sessions, sharing
 * one PostgreSQL (DATABASE_URL) and one Redis (REDIS_URL) for the Socket.IO adapter. See docs/deployment.md.
 */
import { parseHostList } from "./lib/http/host-guard";
import { parseOriginList } from "./lib/http/origin-guard";
import { startServer } from "./lib/server/start-server";
import { stopOnSignals } from "./lib/server/stop-on-signals";

if (!process.env.DATABASE_URL) {
  console.error(
    "npm run runtime needs DATABASE_URL: standalone runtimes share the app's PostgreSQL (the embedded database belongs to one process).",
  );
  process.exit(1);
}
const server = await startServer({
  port: Number(process.env.PORT ?? 3001),
  // Loopback unless told otherwise, like the app: expose it with HOST=0.0.0.0 behind a TLS proxy (docs/deployment.md).
  hostname: process.env.HOST ?? "localhost",
  withEditor: false,
  dev: false,
  redisUrl: process.env.REDIS_URL,
  allowedHosts: parseHostList(process.env.ALLOWED_HOSTS),
  // The browser origins that may open sessions here: the app's, when the runtime is served from another origin.
  corsOrigins: parseOriginList(process.env.CORS_ORIGINS),
});
console.log(
  `Switchboard runtime is running at ${server.url} (listening on ${server.listening})${process.env.REDIS_URL ? " with the Redis adapter" : ""}`,
);
stopOnSignals(server);
