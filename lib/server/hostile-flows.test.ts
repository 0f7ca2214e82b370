import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueSessionToken } from "../auth/session-token";
import type { FlowGraph } from "../flow/schema";
import { branchStep, chainFlow, echoFlow, setExpressions } from "../testing/chain-flow";
import { InMemoryFlowLookup } from "../testing/in-memory-flow-lookup";
import { RecordingClient } from "../testing/socket-client";
import { attachRuntimeServer, type RuntimeServer } from "./runtime-server";

/**
 * Flows that stalled, wedged or crashed the server before expressions and regular expressions had limits (issue 9),
 * each run through the real Socket.IO runtime while another caller keeps talking to the same process. Server and
 * clients share this one event loop, as every caller of a server does: a stall shows as the other caller's slow turn.
 */

const SECRET = "test-secret-test-secret-test-secret-0123";
const USER = "user-1";
/**
 * The slowest turn the other caller may see. Unlimited, the mildest of these flows held the loop for 1.2 s; limited,
 * the worst holds it for tens of milliseconds. The margin is for a loaded 2-core machine shared with other builds.
 */
const MAX_TURN_MS = 150;
/** The most the heap may grow meanwhile. Unlimited, `s = s + s` took it from 0.4 to 1.6 GB and `l = l + l` past 5 GB. */
const MAX_HEAP_GROWTH_BYTES = 128 * 1024 * 1024;

const list = (length: number) => `[${Array.from({ length }, (_, index) => index).join(", ")}]`;
const L40 = list(40);
const CATASTROPHIC = "a".repeat(1999) + "!";
const UTTERANCE = "x".repeat(2000);

let runtime: RuntimeServer;
let url: string;
let lookup: InMemoryFlowLookup;
const clients: RecordingClient[] = [];

beforeEach(async () => {
  lookup = new InMemoryFlowLookup();
  lookup.put(USER, "echo", echoFlow());
  const httpServer = createServer();
  runtime = await attachRuntimeServer({ httpServer, lookup, secret: () => SECRET });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await runtime.shutdown();
});

function connect(flowId: string): RecordingClient {
  const auth = issueSessionToken({ sub: USER, workspaceId: USER, flowId }, SECRET).then(({ token }) => ({ token, trace: true }));
  const client = new RecordingClient(url, auth);
  clients.push(client);
  return client;
}

interface Outcome {
  end: { reason: string; message?: string };
  failedNode: unknown;
  /** The other caller's turns, utterance to reply, in milliseconds. */
  turns: number[];
  heapGrowth: number;
}

/**
 * Runs `graph` with `utterance` (or several, sent at once) while another caller talks to the echo flow, before, during
 * and after.
 */
async function hostileWhileTalking(graph: FlowGraph, utterance: string | string[]): Promise<Outcome> {
  lookup.put(USER, "hostile", graph);
  const other = connect("echo");
  const hostile = connect("hostile");
  await Promise.all([other.connected(), hostile.connected()]);
  await hostile.waitFor((event) => event.event === "reply" && event.data.text === "Ready.");
  await other.waitFor((event) => event.event === "trace" && event.data.type === "listen.started");
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const turns: number[] = [];
  let hostileEnded = false;
  const talk = async () => {
    for (let turn = 0; turn < 200 && !(hostileEnded && turns.length >= 10); turn += 1) {
      const text = `ping ${turn}`;
      const started = performance.now();
      other.say(text);
      await other.waitFor((event) => event.event === "reply" && event.data.text === `You said: ${text}`, 30_000);
      turns.push(performance.now() - started);
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      if (turn === 3) for (const text of typeof utterance === "string" ? [utterance] : utterance) hostile.say(text);
    }
  };
  const hostileEnd = hostile.waitForEvent("end", 30_000).then((end) => {
    hostileEnded = true;
    return end;
  });
  const [end] = await Promise.all([hostileEnd, talk()]);
  const failed = hostile.received.find((event) => event.event === "trace" && event.data.type === "node.failed");
  return {
    end: end.data,
    failedNode: failed?.event === "trace" ? failed.data.nodeId : undefined,
    turns,
    heapGrowth: heapPeak - heapBefore,
  };
}

function expectNobodyElseNoticed(outcome: Outcome): void {
  expect(outcome.turns.length).toBeGreaterThanOrEqual(10);
  expect(Math.max(...outcome.turns)).toBeLessThan(MAX_TURN_MS);
  expect(outcome.heapGrowth).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
}

describe("a hostile flow, while another caller talks to the same server", () => {
  it("matches ^(a+)+$ in a Branch regex against 1,999 a's and a '!' in linear time", async () => {
    const graph = chainFlow([branchStep("catastrophic", [{ id: "hit", match: { type: "regex", pattern: "^(a+)+$" } }])]);
    const outcome = await hostileWhileTalking(graph, CATASTROPHIC);
    expect(outcome.end).toEqual({ reason: "completed" });
    expectNobodyElseNoticed(outcome);
  });

  it("matches ^(a+)+$ in CEL matches() against 1,999 a's and a '!' in linear time", async () => {
    const graph = chainFlow([
      branchStep("catastrophic", [{ id: "hit", match: { type: "expression", expression: 'utterance.matches("^(a+)+$")' } }]),
    ]);
    const outcome = await hostileWhileTalking(graph, CATASTROPHIC);
    expect(outcome.end).toEqual({ reason: "completed" });
    expectNobodyElseNoticed(outcome);
  });

  it("ends a Branch with nested all five deep over 40 items at the step limit", async () => {
    const nested = `${L40}.all(a, ${L40}.all(b, ${L40}.all(c, ${L40}.all(d, ${L40}.all(e, a + b + c + d + e >= 0)))))`;
    const graph = chainFlow([branchStep("nested-all", [{ id: "hit", match: { type: "expression", expression: nested } }])]);
    const outcome = await hostileWhileTalking(graph, "go");
    expect(outcome.end.reason).toBe("error");
    expect(outcome.end.message).toMatch(
      /^Branch node "nested-all": the condition ".*…" did more than 200,000 steps of work, the limit for one expression$/,
    );
    expect(outcome.failedNode).toBe("nested-all");
    expectNobodyElseNoticed(outcome);
  });

  it("ends a Set with nested map five deep over 40 items at the step limit", async () => {
    const nested = `${L40}.map(a, ${L40}.map(b, ${L40}.map(c, ${L40}.map(d, ${L40}.map(e, a + e)))))`;
    const outcome = await hostileWhileTalking(chainFlow([setExpressions("nested-map", [["grid", nested]])]), "go");
    expect(outcome.end).toEqual({
      reason: "error",
      message: 'Set node "nested-map": setting grid did more than 200,000 steps of work, the limit for one expression',
    });
    expect(outcome.failedNode).toBe("nested-map");
    expectNobodyElseNoticed(outcome);
  });

  it("ends a Set of ten million steps (200³) at the step limit", async () => {
    const steps = [
      setExpressions("make", [["l", list(200)]]),
      setExpressions("spin", [["n", "l.map(a, l.map(b, l.filter(c, a + b + c == 7))).size()"]]),
    ];
    const outcome = await hostileWhileTalking(chainFlow(steps), "go");
    expect(outcome.end).toEqual({
      reason: "error",
      message: 'Set node "spin": setting n did more than 200,000 steps of work, the limit for one expression',
    });
    expectNobodyElseNoticed(outcome);
  });

  it("ends s = s + s seventeen times on a 2,000-character utterance at the size of one value", async () => {
    const doublings = Array.from({ length: 17 }, (): [string, string] => ["s", "s + s"]);
    const outcome = await hostileWhileTalking(chainFlow([setExpressions("grow", [["s", "heard"], ...doublings])]), UTTERANCE);
    expect(outcome.end).toEqual({
      reason: "error",
      message: 'Set node "grow": setting s built a value of more than 65,536 characters or items, the limit for one value',
    });
    expect(outcome.failedNode).toBe("grow");
    expectNobodyElseNoticed(outcome);
  });

  it("ends l = l + l twenty-two times at the size of one value", async () => {
    const doublings = Array.from({ length: 22 }, (): [string, string] => ["l", "l + l"]);
    const outcome = await hostileWhileTalking(chainFlow([setExpressions("pile", [["l", "[heard]"], ...doublings])]), UTTERANCE);
    expect(outcome.end).toEqual({
      reason: "error",
      message: 'Set node "pile": setting l built a value of more than 65,536 characters or items, the limit for one value',
    });
    expectNobodyElseNoticed(outcome);
  });

  it("ends a call that floods a heavy flow with utterances once it has spent what it earns, a turn's worth at most", async () => {
    // Each turn runs five expressions of ~170,000 steps (~85% of a turn's allowance), then listens again.
    const L25 = list(25);
    const heavy = `${L25}.all(a, ${L25}.all(b, ${L25}.all(c, a + b + c >= 0)))`;
    const graph = chainFlow([
      setExpressions(
        "heavy",
        Array.from({ length: 5 }, (_, index): [string, string] => [`ok${index}`, heavy]),
      ),
    ]);
    graph.edges = graph.edges.map((edge) => (edge.source === "heavy" ? { ...edge, target: "hear" } : edge));
    graph.nodes = graph.nodes.filter((node) => node.id !== "end");
    const outcome = await hostileWhileTalking(
      graph,
      Array.from({ length: 16 }, (_, index) => `go ${index}`),
    );
    expect(outcome.end).toMatchObject({
      reason: "error",
      message: expect.stringMatching(/^Set node "heavy": setting ok\d did more work than the call had left: .* 250,000 a second$/),
    });
    expectNobodyElseNoticed(outcome);
  });

  it("ends cel.bind doubling within one expression at the size of one value", async () => {
    let doubling = "s16 + s16";
    for (let level = 16; level >= 1; level -= 1) doubling = `cel.bind(s${level}, s${level - 1} + s${level - 1}, ${doubling})`;
    const expression = `cel.bind(s0, heard, ${doubling})`;
    const outcome = await hostileWhileTalking(chainFlow([setExpressions("bind", [["x", expression]])]), UTTERANCE);
    expect(outcome.end).toEqual({
      reason: "error",
      message: 'Set node "bind": setting x built a value of more than 65,536 characters or items, the limit for one value',
    });
    expectNobodyElseNoticed(outcome);
  });
});
