import { describe, expect, it } from "vitest";
import { flowTemplates } from "./samples";
import type { FlowGraph } from "./schema";
import { validateFlowGraph } from "./validate";

function sample(): FlowGraph {
  const template = flowTemplates[0];
  if (!template) throw new Error("missing sample");
  return template.graph();
}

function errorsOf(input: unknown) {
  const result = validateFlowGraph(input);
  return result.ok ? [] : result.issues.filter((issue) => issue.severity === "error");
}

describe("validateFlowGraph", () => {
  it("accepts the sample flow", () => {
    const result = validateFlowGraph(sample());
    expect(result.ok).toBe(true);
  });

  it("reports schema errors with a pointer and the node id", () => {
    const graph = sample() as unknown as { nodes: Array<Record<string, unknown>> }; // deliberately malformed input
    const say = graph.nodes[1] as { data: Record<string, unknown> };
    say.data.text = 42;
    const [issue] = errorsOf(graph);
    expect(issue).toMatchObject({ code: "schema.invalid_type", pointer: "/nodes/1/data/text", nodeId: "greet" });
  });

  it("rejects input that is not a graph at all", () => {
    expect(errorsOf("not json")[0]).toMatchObject({ pointer: "" });
    expect(errorsOf({ schemaVersion: 1, nodes: "x", edges: [] })[0]).toMatchObject({ pointer: "/nodes" });
  });

  it("requires exactly one start", () => {
    const graph = sample();
    graph.nodes = graph.nodes.filter((node) => node.kind !== "start");
    graph.edges = graph.edges.filter((edge) => edge.source !== "start");
    expect(errorsOf(graph).map((issue) => issue.code)).toContain("flow.no_start");
    const twice = sample();
    twice.nodes.push({ id: "start2", kind: "start", position: { x: 0, y: 0 }, data: {} });
    expect(errorsOf(twice)).toContainEqual(expect.objectContaining({ code: "flow.multiple_starts", nodeId: "start2" }));
  });

  it("addresses a dangling edge and an unknown port", () => {
    const graph = sample();
    graph.edges.push({ id: "ghost", source: "greet", sourcePort: "next", target: "nowhere" });
    graph.edges.push({ id: "bad-port", source: "greet", sourcePort: "sideways", target: "ask" });
    const errors = errorsOf(graph);
    expect(errors).toContainEqual(expect.objectContaining({ code: "edge.dangling_target", edgeId: "ghost", pointer: "/edges/13/target" }));
    expect(errors).toContainEqual(expect.objectContaining({ code: "edge.unknown_port", edgeId: "bad-port" }));
  });

  it("refuses an empty or broken regular expression", () => {
    const graph = sample();
    const branch = graph.nodes.find((node) => node.kind === "branch");
    if (branch?.kind !== "branch") throw new Error("no branch");
    branch.data.conditions[0] = { id: "book", match: { type: "regex", pattern: "" } };
    branch.data.conditions[1] = { id: "decline", match: { type: "regex", pattern: "(unclosed" } };
    const codes = errorsOf(graph).map((issue) => [issue.code, issue.nodeId, issue.pointer]);
    expect(codes).toContainEqual(["branch.bad_regex", "intent", "/nodes/3/data/conditions/0/match/pattern"]);
    expect(codes).toContainEqual(["branch.bad_regex", "intent", "/nodes/3/data/conditions/1/match/pattern"]);
    // The engine's own "Invalid regular expression: /(unclosed/: " is not repeated to the person.
    const message = errorsOf(graph).find((issue) => issue.pointer.endsWith("/conditions/1/match/pattern"))?.message;
    expect(message).toBe("This regular expression does not work: missing closing ): `(unclosed`");
  });

  it("refuses, on the condition, a regular expression that needs backtracking, saying why", () => {
    const graph = sample();
    const branch = graph.nodes.find((node) => node.kind === "branch");
    if (branch?.kind !== "branch") throw new Error("no branch");
    branch.data.conditions[0] = { id: "book", match: { type: "regex", pattern: "book(?=ing)" } };
    branch.data.conditions[1] = { id: "decline", match: { type: "regex", pattern: "(no)\\s+\\1", flags: "i" } };
    const errors = errorsOf(graph);
    expect(errors).toContainEqual({
      severity: "error",
      code: "branch.bad_regex",
      message: "Lookahead (?=…) is not supported: patterns run in linear time",
      pointer: "/nodes/3/data/conditions/0/match/pattern",
      nodeId: "intent",
    });
    expect(errors).toContainEqual(
      expect.objectContaining({
        code: "branch.bad_regex",
        message: "Backreferences (\\1) are not supported: patterns run in linear time",
        pointer: "/nodes/3/data/conditions/1/match/pattern",
        nodeId: "intent",
      }),
    );
    // What RE2 runs in linear time passes, catastrophic backtracking or not.
    branch.data.conditions[0] = { id: "book", match: { type: "regex", pattern: "^(a+)+$" } };
    branch.data.conditions[1] = { id: "decline", match: { type: "regex", pattern: "\\b(no|nope)\\b" } };
    expect(errorsOf(graph)).toEqual([]);
  });

  it("refuses a literal matches() pattern that needs backtracking, on the expression", () => {
    const graph = sample();
    const branch = graph.nodes.find((node) => node.kind === "branch");
    if (branch?.kind !== "branch") throw new Error("no branch");
    branch.data.conditions[0] = { id: "book", match: { type: "expression", expression: 'utterance.matches("(?<!not )book")' } };
    expect(errorsOf(graph)).toContainEqual({
      severity: "error",
      code: "expression.invalid",
      message: 'Expression: matches("(?<!not )book"): Negative lookbehind (?<!…) is not supported: patterns run in linear time',
      pointer: "/nodes/3/data/conditions/0/match/expression",
      nodeId: "intent",
    });
  });

  it("finds unreachable nodes and unconnected outputs", () => {
    const graph = sample();
    graph.nodes.push({ id: "island", kind: "say", position: { x: 0, y: 0 }, data: { text: "nobody hears me" } });
    const errors = errorsOf(graph);
    expect(errors).toContainEqual(expect.objectContaining({ code: "node.unreachable", nodeId: "island" }));
    expect(errors).toContainEqual(expect.objectContaining({ code: "port.unconnected", nodeId: "island" }));
  });

  it("rejects a loop that never waits for the caller, but allows one through a listen", () => {
    const graph = sample();
    // reprompt → ask is a loop through a listen: fine. Point reprompt back at the branch instead: a spin.
    const edge = graph.edges.find((candidate) => candidate.id === "e-reprompt");
    if (!edge) throw new Error("edge missing");
    edge.target = "intent";
    expect(errorsOf(graph)).toContainEqual(expect.objectContaining({ code: "flow.loop_without_listen" }));
    expect(errorsOf(sample())).toEqual([]);
  });

  it("checks expressions parse", () => {
    const graph = sample();
    const set = graph.nodes.find((node) => node.kind === "set");
    if (set?.kind !== "set") throw new Error("no set");
    set.data.assignments.push({ variable: "bad", source: { type: "expression", expression: "1 +" } });
    expect(errorsOf(graph)).toContainEqual(
      expect.objectContaining({
        code: "expression.invalid",
        nodeId: "save-name",
        pointer: "/nodes/6/data/assignments/2/source/expression",
      }),
    );
  });

  it("copes with a 5,000-node chain without overflowing the stack", () => {
    const nodes: FlowGraph["nodes"] = [{ id: "start", kind: "start", position: { x: 0, y: 0 }, data: {} }];
    const edges: FlowGraph["edges"] = [];
    for (let index = 1; index < 4999; index += 1) {
      nodes.push({ id: `n${index}`, kind: "say", position: { x: 0, y: 0 }, data: { text: "hi" } });
      edges.push({ id: `e${index}`, source: index === 1 ? "start" : `n${index - 1}`, sourcePort: "next", target: `n${index}` });
    }
    nodes.push({ id: "end", kind: "end", position: { x: 0, y: 0 }, data: { reason: "completed" } });
    edges.push({ id: "e-end", source: "n4998", sourcePort: "next", target: "end" });
    expect(validateFlowGraph({ schemaVersion: 1, nodes, edges }).ok).toBe(true);
  });
});
