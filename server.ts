/**
 * Switchboard in one process: the editor, the API and the session runtime on one port, on the embedded
 * database unless DATABASE_URL names a PostgreSQL. `npm run serve` (production) or `npm run dev`.
 */
import { parseHostList } from "./lib/http/host-guard";
import { parseOriginList } from "./lib/http/origin-guard";
import { startServer } from "./lib/server/start-server";
import { stopOnSignals } from "./lib/server/stop-on-signals";

const dev = process.argv.includes("--dev");
const server = await startServer({
  port: Number(process.env.PORT ?? 3000),
  // Loopback unless told otherwise: there are no accounts yet, so whoever reaches the port has everything.
  hostname: process.env.HOST ?? "localhost",
  withEditor: true,
  dev,
  redisUrl: process.env.REDIS_URL,
  allowedHosts: parseHostList(process.env.ALLOWED_HOSTS),
  corsOrigins: parseOriginList(process.env.CORS_ORIGINS),
});
console.log(
  `Switchboard is running at ${server.url} (listening on ${server.listening}; ${dev ? "development" : "production"}, ${process.env.DATABASE_URL ? "PostgreSQL" : "embedded database"})`,
);
stopOnSignals(server);
