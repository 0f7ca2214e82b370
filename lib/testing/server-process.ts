/**
 * The server (runtime, no editor) in a process of its own, for fault tests that kill it for real: started with tsx,
 * configured by the environment as in production (DATABASE_URL or SWITCHBOARD_STATE_DIR, SWITCHBOARD_SECRET,
 * REDIS_URL, RUNTIME_LEASE_SECONDS, PORT), it prints one line of JSON once it serves:
 * `{ "url", "databaseUrl", "flowId", "pid" }` (flowId: the seeded sample's), then stops on SIGINT/SIGTERM like server.ts.
 */
import { LOCAL_USER } from "../auth/local-user";
import { appDatabase } from "../db/database";
import { listFlows } from "../flows/flow-repository";
import { startServer } from "../server/start-server";
import { stopOnSignals } from "../server/stop-on-signals";

const server = await startServer({
  port: Number(process.env.PORT ?? 0),
  hostname: "127.0.0.1",
  withEditor: false,
  dev: false,
  redisUrl: process.env.REDIS_URL,
});
const { db, url: databaseUrl } = await appDatabase();
const sample = (await listFlows(db, LOCAL_USER.id)).find((flow) => flow.name === "Appointment booking");
console.log(JSON.stringify({ url: server.url, databaseUrl, flowId: sample?.id, pid: process.pid }));
stopOnSignals(server);
