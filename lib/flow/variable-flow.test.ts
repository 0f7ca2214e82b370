import { describe, expect, it } from "vitest";
import type { FlowEdge, FlowGraph, FlowNode } from "./schema";
import { unsetVariableIssues, variablesOnArrival } from "./variable-flow";

const at = { x: 0, y: 0 };
const start: FlowNode = { id: "start", kind: "start", position: at, data: {} };
const edge = (source: string, sourcePort: string, target: string): FlowEdge => ({
  id: `${source}-${sourcePort}`,
  source,
  sourcePort,
  target,
});
const graph = (nodes: FlowNode[], edges: FlowEdge[]): FlowGraph => ({ schemaVersion: 1, nodes: [start, ...nodes], edges });
const say = (id: string, text: string): FlowNode => ({ id, kind: "say", position: at, data: { text } });
const end: FlowNode = { id: "end", kind: "end", position: at, data: { reason: "completed" } };
const listen = (id: string, variable?: string): FlowNode => ({
  id,
  kind: "listen",
  position: at,
  data: variable ? { timeoutSeconds: 5, variable } : { timeoutSeconds: 5 },
});

const warned = (flow: FlowGraph) => unsetVariableIssues(flow).map(({ code, nodeId, pointer }) => ({ code, nodeId, pointer }));

describe("variables used before anything sets them", () => {
  it("warns about a template variable no path sets, at the node and field", () => {
    const flow = graph([say("hi", "Hello {{nobody}} and {{nobody}}."), end], [edge("start", "next", "hi"), edge("hi", "next", "end")]);
    expect(warned(flow)).toEqual([{ code: "variable.unset", nodeId: "hi", pointer: "/nodes/1/data/text" }]);
  });

  it("knows what a Listen saves when heard, but not on its timeout", () => {
    const flow = graph(
      [listen("ask", "name"), say("thanks", "Thanks {{name}}"), say("late", "Still there, {{name}}?"), end],
      [
        edge("start", "next", "ask"),
        edge("ask", "heard", "thanks"),
        edge("ask", "timeout", "late"),
        edge("thanks", "next", "end"),
        edge("late", "next", "end"),
      ],
    );
    expect(warned(flow)).toEqual([{ code: "variable.unset", nodeId: "late", pointer: "/nodes/3/data/text" }]);
  });

  it("counts a variable that one path sets (a may-analysis), through loops too", () => {
    const flow = graph(
      [
        listen("ask"),
        {
          id: "set",
          kind: "set",
          position: at,
          data: { assignments: [{ variable: "tries", source: { type: "expression", expression: "1" } }] },
        },
        say("again", "Try {{tries}}"),
        end,
      ],
      [
        edge("start", "next", "again"),
        edge("again", "next", "ask"),
        edge("ask", "heard", "set"),
        edge("set", "next", "again"),
        edge("ask", "timeout", "end"),
      ],
    );
    expect(warned(flow)).toEqual([]);
    expect([...(variablesOnArrival(flow).get("again") ?? [])]).toEqual(["tries"]);
  });

  it("checks expressions, lets an assignment read an earlier one, and knows utterance and macro variables", () => {
    const flow = graph(
      [
        {
          id: "set",
          kind: "set",
          position: at,
          data: {
            assignments: [
              { variable: "count", source: { type: "expression", expression: "missing_var + 1" } },
              { variable: "next", source: { type: "expression", expression: "count + size(utterance) + [1].map(x, x)[0]" } },
            ],
          },
        },
        end,
      ],
      [edge("start", "next", "set"), edge("set", "next", "end")],
    );
    expect(warned(flow)).toEqual([{ code: "variable.unset", nodeId: "set", pointer: "/nodes/1/data/assignments/0/source/expression" }]);
  });

  it("says that {{utterance}} is not a variable in text, and leaves unreachable nodes to their own error", () => {
    const flow = graph(
      [say("echo", "You said {{utterance}}"), say("island", "{{ghost}}"), end],
      [edge("start", "next", "echo"), edge("echo", "next", "end")],
    );
    expect(warned(flow)).toEqual([{ code: "variable.utterance_in_text", nodeId: "echo", pointer: "/nodes/1/data/text" }]);
  });
});
