/**
 * The product under mixed load, on each database: callers churn through sessions (each on a flow of its own, so a
 * call that ran another flow's graph shows in its greeting) while the API reads, creates and saves flows and races
 * saves against each other. Every answer is checked; none may be wrong or refused. Bounded: a few seconds.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/database";
import { describeEachDatabase } from "@/lib/db/test-databases";
import { flowTemplates } from "@/lib/flow/samples";
import type { FlowGraph } from "@/lib/flow/schema";
import { startServer, type RunningServer } from "@/lib/server/start-server";
import { signUpForTest, type SignedIn } from "@/lib/testing/signed-in";
import { loggedEventCounts } from "@/lib/testing/logged-events";
import { RecordingClient } from "@/lib/testing/socket-client";
import * as flows from "./flows/route";
import * as flow from "./flows/[id]/route";
import * as flowSessions from "./flows/[id]/sessions/route";

const CALLERS = 30;
const CALLS_EACH = 4;
const API_WORKERS = 6;
const API_ROUNDS = 25;

const base = "http://localhost/api";
const params = <P extends Record<string, string>>(value: P) => ({ params: Promise.resolve(value) });
/** The signed-in user every request is made by (the database's first account, so the seeded workspace is theirs). */
let me: SignedIn;
const json = (method: string, path: string, body: unknown) =>
  new Request(`${base}${path}`, { method, headers: { "content-type": "application/json", cookie: me.cookie }, body: JSON.stringify(body) });
const get = (path: string) => new Request(`${base}${path}`, { headers: { cookie: me.cookie } });
async function answer<T>(response: Response): Promise<{ status: number; body: T }> {
  return { status: response.status, body: (await response.json()) as T };
}

type FlowBody = { flow: { id: string; name: string; revision: number; graph: FlowGraph } };

/** The sample flow, greeting with `greeting`. */
function flowGreeting(greeting: string): FlowGraph {
  const graph = flowTemplates[0]!.graph();
  const greet = graph.nodes.find((node) => node.id === "greet");
  if (greet?.kind !== "say") throw new Error("the sample's greeting node changed");
  greet.data.text = greeting;
  return graph;
}

describeEachDatabase("the product under mixed load", (current) => {
  const previousUrl = process.env.DATABASE_URL;
  let server: RunningServer;
  const wrong: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) wrong.push(what);
  };

  beforeAll(async () => {
    process.env.SWITCHBOARD_SECRET ??= "stress-secret-stress-secret-stress-000001";
    await closeDatabase();
    // The routes open the app's database (their own pool, as in production) on the same database as the runtime.
    process.env.DATABASE_URL = current().url;
    server = await startServer({ port: 0, hostname: "127.0.0.1", withEditor: false, dev: false, database: current() });
    me = await signUpForTest({ name: "Stress tester" });
  });
  afterAll(async () => {
    await server.stop();
    await closeDatabase();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  async function createFlow(name: string, graph: FlowGraph): Promise<FlowBody["flow"]> {
    const created = await answer<FlowBody>(await flows.POST(json("POST", "/flows", { name, graph }), params({})));
    check(created.status === 201 && created.body.flow.name === name, `create ${name}: ${created.status}`);
    return created.body.flow;
  }

  /** One caller: calls its flow again and again, each call to End. */
  async function caller(index: number): Promise<string[]> {
    const greeting = `Hello from flow ${index}. Would you like to book an appointment?`;
    const own = await createFlow(`Caller ${index}`, flowGreeting(greeting));
    const sessionIds: string[] = [];
    for (let call = 0; call < CALLS_EACH; call++) {
      const issued = await answer<{ token: string; sessionId: string }>(
        await flowSessions.POST(json("POST", `/flows/${own.id}/sessions`, {}), params({ id: own.id })),
      );
      check(issued.status === 201, `token for caller ${index}: ${issued.status}`);
      const client = new RecordingClient(server.url, { token: issued.body.token });
      try {
        await client.connected();
        const first = await client.waitForEvent("reply");
        check(first.data.text === greeting, `caller ${index} greeted with "${first.data.text}"`);
        client.say("yes please");
        await client.waitFor((event) => event.event === "reply" && event.data.text.startsWith("Great"));
        client.say(`Caller ${index}`);
        await client.waitForEvent("disconnect");
        check(
          client.timeline().slice(-3).join("|") === `reply:See you then. Goodbye!|end:booked|disconnect:io server disconnect`,
          `caller ${index} call ${call}: ${client.timeline().join(", ")}`,
        );
        sessionIds.push(issued.body.sessionId);
      } catch (error) {
        check(false, `caller ${index} call ${call} failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        client.close();
      }
    }
    return sessionIds;
  }

  /** One API user: reads and saves a flow of its own, creates flows, and races two saves of one revision. */
  async function apiWorker(index: number): Promise<void> {
    let mine = await createFlow(`Worker ${index}`, flowGreeting(`Worker ${index}`));
    for (let round = 0; round < API_ROUNDS; round++) {
      const read = await answer<FlowBody>(await flow.GET(get(`/flows/${mine.id}`), params({ id: mine.id })));
      check(read.status === 200 && read.body.flow.id === mine.id && read.body.flow.revision === mine.revision, `worker ${index} read`);
      const name = `Worker ${index} r${round}`;
      const saved = await answer<FlowBody>(
        await flow.PUT(json("PUT", `/flows/${mine.id}`, { revision: mine.revision, name }), params({ id: mine.id })),
      );
      check(
        saved.status === 200 && saved.body.flow.id === mine.id && saved.body.flow.name === name,
        `worker ${index} save: ${saved.status}`,
      );
      check(saved.body.flow.revision === mine.revision + 1, `worker ${index} save revision`);
      mine = saved.body.flow;

      const race = await Promise.all(
        ["a", "b"].map(async (side) =>
          answer<FlowBody>(
            await flow.PUT(json("PUT", `/flows/${mine.id}`, { revision: mine.revision, name: `${name} ${side}` }), params({ id: mine.id })),
          ),
        ),
      );
      check(
        race
          .map((result) => result.status)
          .sort()
          .join() === "200,409",
        `worker ${index} race: ${race.map((r) => r.status).join()}`,
      );
      const winner = race.find((result) => result.status === 200);
      if (winner) mine = winner.body.flow;
      const stored = await answer<FlowBody>(await flow.GET(get(`/flows/${mine.id}`), params({ id: mine.id })));
      check(
        stored.body.flow.name === mine.name && stored.body.flow.revision === mine.revision,
        `worker ${index}: the winner was not stored`,
      );

      const created = await createFlow(`Worker ${index} extra ${round}`, flowGreeting(`extra ${round}`));
      const fetched = await answer<FlowBody>(await flow.GET(get(`/flows/${created.id}`), params({ id: created.id })));
      check(fetched.status === 200 && fetched.body.flow.name === `Worker ${index} extra ${round}`, `worker ${index} fetch new`);
      const list = await answer<{ flows: Array<{ id: string }> }>(await flows.GET(get("/flows"), params({})));
      check(list.status === 200 && list.body.flows.some((listed) => listed.id === created.id), `worker ${index} list`);
    }
  }

  it(
    "gives every caller its own flow and every API request the right answer, and records every session whole",
    { timeout: 120_000 },
    async () => {
      const started = performance.now();
      const [sessions] = await Promise.all([
        Promise.all(Array.from({ length: CALLERS }, (_, index) => caller(index))),
        Promise.all(Array.from({ length: API_WORKERS }, (_, index) => apiWorker(index))),
      ]);
      const seconds = (performance.now() - started) / 1000;
      console.info(
        `[measure] ${current().kind}: ${CALLERS * CALLS_EACH} calls and ${API_WORKERS * API_ROUNDS * 7} API requests in ${seconds.toFixed(1)} s`,
      );
      expect(wrong).toEqual([]);

      await server.runtime.registry.whenEmpty();
      const ids = sessions.flat();
      const { db } = current();
      let recorded: Array<{ id: string; status: string; endReason: string | null }> = [];
      for (let attempt = 0; attempt < 100; attempt++) {
        recorded = await db.session.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, endReason: true } });
        if (recorded.length === ids.length && recorded.every((row) => row.status === "ended")) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(recorded).toHaveLength(CALLERS * CALLS_EACH);
      expect(new Set(recorded.map((row) => `${row.status}:${row.endReason}`))).toEqual(new Set(["ended:booked"]));
      const counts = await loggedEventCounts(db, ids);
      for (const { count, maxSeq } of counts.values()) expect(count).toBe(maxSeq);
      expect(counts.size).toBe(ids.length);
    },
  );
});
