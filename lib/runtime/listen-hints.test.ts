import { describe, expect, it } from "vitest";
import { flowTemplates } from "../flow/samples";
import type { FlowGraph } from "../flow/schema";
import { listenHintsOf } from "./listen-hints";

const at = { x: 0, y: 0 };

describe("listen hints", () => {
  it("gives a Listen the phrases of the Branches after it, and a Listen followed by none nothing (free-form)", () => {
    const hints = listenHintsOf(flowTemplates[0]!.graph());
    expect(hints.get("ask")).toEqual({ expectedPhrases: ["book", "appointment", "yes", "no", "bye", "nothing"] });
    expect(hints.get("hear-name")).toEqual({ expectedPhrases: [] });
  });

  it("carries a Listen's own end-of-speech silence", () => {
    const graph = flowTemplates[0]!.graph();
    const ask = graph.nodes.find((node) => node.id === "ask");
    if (ask?.kind !== "listen") throw new Error("the template has an ask Listen");
    ask.data.endOfSpeechMs = 900;
    expect(listenHintsOf(graph).get("ask")?.endOfSpeechMs).toBe(900);
  });

  it("leaves a Listen free-form when a Branch on the way also matches by regex or expression", () => {
    const graph: FlowGraph = {
      schemaVersion: 1,
      nodes: [
        { id: "start", kind: "start", position: at, data: {} },
        { id: "ask", kind: "listen", position: at, data: { timeoutSeconds: 10 } },
        { id: "save", kind: "set", position: at, data: { assignments: [] } },
        {
          id: "b",
          kind: "branch",
          position: at,
          data: {
            conditions: [
              { id: "yes", match: { type: "phrases", phrases: ["yes"] } },
              { id: "num", match: { type: "regex", pattern: "\\d+" } },
            ],
          },
        },
        { id: "end", kind: "end", position: at, data: { reason: "completed" } },
      ],
      edges: [
        { id: "e1", source: "start", sourcePort: "next", target: "ask" },
        { id: "e2", source: "ask", sourcePort: "heard", target: "save" },
        { id: "e3", source: "save", sourcePort: "next", target: "b" },
        { id: "e4", source: "b", sourcePort: "yes", target: "end" },
        { id: "e5", source: "b", sourcePort: "num", target: "end" },
        { id: "e6", source: "b", sourcePort: "else", target: "end" },
      ],
    };
    expect(listenHintsOf(graph).get("ask")).toEqual({ expectedPhrases: [] });
  });
});
