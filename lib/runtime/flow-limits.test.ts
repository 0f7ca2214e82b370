import { describe, expect, it } from "vitest";
import { compileExpression } from "../expressions/cel";
import { EVALUATION_LIMITS } from "../expressions/limits";
import { newTurnBudget } from "../expressions/turn-budget";
import type { FlowGraph } from "../flow/schema";
import { branchStep, chainFlow, listenStep, sayStep, setExpressions } from "../testing/chain-flow";
import { ManualClock } from "../testing/manual-clock";
import { compileFlow } from "./compile-flow";
import { flowHandler } from "./flow-handler";
import { Session } from "./session";
import { RuntimeEvents, type SessionEvent } from "./session-events";
import { MemoryTransport } from "./transports/memory";

const settle = () => new Promise((resolve) => setImmediate(resolve));
const L25 = `[${Array.from({ length: 25 }, (_, index) => index).join(", ")}]`;
/** ~170,000 steps: under the limit of one expression, a sixth of a turn's. */
const HEAVY = `${L25}.all(a, ${L25}.all(b, ${L25}.all(c, a + b + c >= 0)))`;

/** The steps one evaluation of HEAVY draws from a turn. */
function heavySteps(): number {
  const budget = newTurnBudget();
  compileExpression(HEAVY).evaluate({ variables: {}, utterance: "", budget });
  return EVALUATION_LIMITS.stepsPerTurn - budget.steps;
}
/** The utterance doubled five times: 64,000 characters from a 2,000-character utterance, just under one value's limit. */
const BIG = "cel.bind(a, heard + heard, cel.bind(b, a + a, cel.bind(c, b + b, cel.bind(d, c + c, d + d))))";

/** Runs a flow, says each utterance once the flow listens, and returns how it ended and what it logged. */
async function converse(graph: FlowGraph, utterances: string[], pauseMs = 0) {
  const clock = new ManualClock();
  const transport = new MemoryTransport();
  const events = new RuntimeEvents();
  const log: SessionEvent[] = [];
  events.subscribe((_id, event) => log.push(event));
  const session = new Session({
    meta: { sessionId: "limits", source: { kind: "code", name: "limits" }, transport: "memory" },
    handler: flowHandler(compileFlow(graph), { now: () => clock.now() }),
    transport,
    events,
    clock,
  });
  const done = session.run();
  for (const text of utterances) {
    await settle();
    clock.advance(pauseMs);
    if (session.state === "running") session.receive(text === "__hangup__" ? { type: "hangup" } : { type: "utterance", text });
  }
  const end = await done;
  return { end, log, replies: transport.replies, failed: log.find((event) => event.type === "node.failed") };
}

describe("limits of a turn", () => {
  it("fails the Set node where a turn's chained expressions run out of steps, naming the node and the turn", async () => {
    const steps = Array.from({ length: 8 }, (_, index) => setExpressions(`heavy-${index + 1}`, [[`ok${index + 1}`, HEAVY]]));
    const failing = Math.floor(EVALUATION_LIMITS.stepsPerTurn / heavySteps()) + 1;
    expect(failing).toBeLessThan(8);
    const { end, failed } = await converse(chainFlow(steps), ["go"]);
    expect(end).toEqual({
      reason: "error",
      message: `Set node "heavy-${failing}": setting ok${failing} did more work than the call had left: a turn may take 1,000,000 steps, and a call earns them back at 250,000 a second`,
    });
    expect(failed).toMatchObject({ nodeId: `heavy-${failing}` });
  });

  it("earns the allowance back while the caller takes their time", async () => {
    const five = (from: number) => Array.from({ length: 5 }, (_, index) => setExpressions(`heavy-${from + index}`, [["ok", HEAVY]]));
    const { end, replies } = await converse(chainFlow([...five(1), listenStep("again"), ...five(6)]), ["go", "again"], 4000);
    expect(end).toEqual({ reason: "completed" });
    expect(replies).toEqual(["Ready.", "Done."]);
  });

  it("gives a caller who floods a heavy flow only what the call earned since its last turn, so it stops", async () => {
    const five = (from: number) => Array.from({ length: 5 }, (_, index) => setExpressions(`heavy-${from + index}`, [["ok", HEAVY]]));
    const { end, failed } = await converse(chainFlow([...five(1), listenStep("again"), ...five(6)]), ["go", "again"], 100);
    expect(end).toMatchObject({ reason: "error", message: expect.stringContaining("earns them back at 250,000 a second") });
    // The second turn starts with what was left of the first plus 100 ms of earnings: less than five heavy nodes take.
    expect(failed?.type === "node.failed" ? failed.nodeId : undefined).toMatch(/^heavy-(6|7|8|9|10)$/);
  });

  it("never runs an ordinary conversation dry, however quickly the caller answers", async () => {
    // ~5,000 steps a turn (under what every turn may take), 250 turns with no time between them: 1.25 million steps,
    // more than a turn's worth in all, and none earned back.
    const light = `${L25}.all(a, ${L25}.all(b, a + b >= 0))`;
    const graph = chainFlow([setExpressions("work", [["ok", light]])]);
    graph.edges = graph.edges.map((edge) => (edge.source === "work" ? { ...edge, target: "hear" } : edge));
    graph.nodes = graph.nodes.filter((node) => node.id !== "end");
    const utterances = Array.from({ length: 250 }, (_, index) => `turn ${index}`);
    const { log } = await converse(graph, [...utterances, "__hangup__"], 0);
    expect(log.filter((event) => event.type === "variables.changed" && event.nodeId === "work")).toHaveLength(250);
    expect(log.find((event) => event.type === "node.failed")).toBeUndefined();
  });

  it("charges a Branch's regular expression to the turn: a big pattern on a long utterance stops", async () => {
    const graph = chainFlow([branchStep("check", [{ id: "hit", match: { type: "regex", pattern: "a[ab]{999}b$" } }])]);
    const short = await converse(graph, ["ab"]);
    expect(short.end).toEqual({ reason: "completed" });
    // ~1,000 instructions × 2,000 characters: two million steps, a backtracking-free 75 ms on the NFA.
    const long = await converse(graph, ["ab".repeat(1000)]);
    expect(long.end.reason).toBe("error");
    expect(long.end.message).toBe(
      'Branch node "check": the regular expression /a[ab]{999}b$/ did more work than the call had left: a turn may take 1,000,000 steps, and a call earns them back at 250,000 a second',
    );
  });
});

describe("limits of variables and replies", () => {
  it("fails a Listen whose utterance is bigger than a variable may hold", async () => {
    const { end, failed } = await converse(chainFlow([]), ["x".repeat(EVALUATION_LIMITS.maxValueSize + 1)]);
    expect(end).toEqual({
      reason: "error",
      message:
        'Listen node "hear": saving the utterance as heard would store more than 65,536 characters or items, the limit for one variable',
    });
    expect(failed).toMatchObject({ nodeId: "hear" });
  });

  it("fails the Set that would make the session's variables bigger than a session may hold, naming the variable", async () => {
    // 2,000 (the utterance) + 4 × 64,000 fits in 262,144; a fifth does not.
    const steps = [
      setExpressions("fill", [
        ["v1", BIG],
        ["v2", BIG],
        ["v3", BIG],
        ["v4", BIG],
        ["v5", BIG],
      ]),
    ];
    const { end, log } = await converse(chainFlow(steps), ["u".repeat(2000)]);
    expect(end).toEqual({
      reason: "error",
      message:
        'Set node "fill": setting v5 would make the session\'s variables hold more than 262,144 characters and items together, the limit for one session',
    });
    const changes = log.flatMap((event) => (event.type === "variables.changed" ? [event.changes] : []));
    // Only the Listen's change was logged: the Set failed before its event, and no event carries a huge value.
    expect(changes).toEqual([{ heard: "u".repeat(2000) }]);
  });

  it("fails a Say whose reply would be longer than a reply may be, before building it", async () => {
    const steps = [setExpressions("grow", [["big", BIG]]), sayStep("shout", "{{big}} and {{big}}")];
    const { end, replies } = await converse(chainFlow(steps), ["w".repeat(2000)]);
    expect(end).toEqual({
      reason: "error",
      message: 'Say node "shout": the reply would be longer than 10,000 characters, the limit for one reply',
    });
    expect(replies).toEqual(["Ready."]);
  });

  it("names the node, the variable and the limit when an expression builds too big a value", async () => {
    const steps = [
      setExpressions("grow", [
        ["s", "heard + heard"],
        ["s", "s + s"],
        ["s", "s + s"],
        ["s", "s + s"],
        ["s", "s + s"],
        ["s", "s + s"],
      ]),
    ];
    const { end } = await converse(chainFlow(steps), ["v".repeat(2000)]);
    expect(end).toEqual({
      reason: "error",
      message: 'Set node "grow": setting s built a value of more than 65,536 characters or items, the limit for one value',
    });
  });
});
