/**
 * The server (runtime, no editor) in a process of its own, for fault tests that kill it for real: started with tsx,
 * configured by the environment as in production (DATABASE_URL or SWITCHBOARD_STATE_DIR, SWITCHBOARD_SECRET,
 * REDIS_URL, RUNTIME_LEASE_SECONDS, PORT), it prints one line of JSON once it serves:
 * `{ "url", "databaseUrl", "flowId", "pid" }` (flowId: the seeded sample's), then stops on SIGINT/SIGTERM like server.ts.
 * With SWITCHBOARD_TEST_LIVEKIT_CALL=1 (and LIVEKIT_*), it first starts a LiveKit call on the sample flow, as the API
 * would, and adds the caller's grant as `livekitCall`: a worker to kill mid-call.
 */
import { LOCAL_USER, LOCAL_WORKSPACE } from "../auth/local-user";
import { signingSecret } from "../auth/secret";
import { issueSessionToken } from "../auth/session-token";
import { appDatabase } from "../db/database";
import { listFlows } from "../flows/flow-repository";
import { sessionControl, type LiveKitCallGrant } from "../server/session-control";
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
const sample = (await listFlows(db, [LOCAL_WORKSPACE.id])).find((flow) => flow.name === "Appointment booking");
const livekitCall = process.env.SWITCHBOARD_TEST_LIVEKIT_CALL === "1" && sample ? await startLiveKitCall(sample.id) : undefined;
console.log(JSON.stringify({ url: server.url, databaseUrl, flowId: sample?.id, pid: process.pid, livekitCall }));
stopOnSignals(server);

async function startLiveKitCall(flowId: string): Promise<LiveKitCallGrant> {
  const { token } = await issueSessionToken({ sub: LOCAL_USER.id, workspaceId: LOCAL_WORKSPACE.id, flowId }, signingSecret());
  const outcome = await sessionControl()!.startLiveKitCall(token);
  if (outcome.kind !== "started") throw new Error(`the LiveKit call did not start: ${JSON.stringify(outcome)}`);
  return outcome.call;
}
