import { describe, expect, it } from "vitest";
import { flowTemplates } from "../flow/samples";
import { flowGraphSchema, type FlowGraph } from "../flow/schema";
import { listenHintsOf } from "./listen-hints";

const at = { x: 0, y: 0 };

describe("listen hints", () => {
  it("gives a Listen the phrases of the Branches after it, and a Listen followed by none nothing (free-form)", () => {
    const hints = listenHintsOf(flowTemplates[0]!.graph());
    expect(hints.get("ask")).toEqual({ expectedPhrases: ["book", "appointment", "yes", "no", "bye", "nothing"] });
    expect(hints.get("hear-name")).toEqual({ expectedPhrases: [] });
  });

  it("carries a Listen's own end-of-speech silence, and whether every turn waits it out", () => {
    const graph = flowTemplates[0]!.graph();
    const ask = graph.nodes.find((node) => node.id === "ask");
    if (ask?.kind !== "listen") throw new Error("the template has an ask Listen");
    ask.data.endOfSpeechMs = 900;
    expect(listenHintsOf(graph).get("ask")).toMatchObject({ endOfSpeechMs: 900 });
    expect(listenHintsOf(graph).get("ask")).not.toHaveProperty("waitForFullSilence");
    ask.data.waitForFullSilence = false; // the inspector's toggle switched off again: as if unset
    expect(listenHintsOf(graph).get("ask")).not.toHaveProperty("waitForFullSilence");
    ask.data.waitForFullSilence = true;
    expect(listenHintsOf(graph).get("ask")).toMatchObject({ endOfSpeechMs: 900, waitForFullSilence: true });
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

describe("a Listen's own voice settings", () => {
  const graph = (listen: Record<string, unknown>, conditions: unknown[], voice?: Record<string, string>): FlowGraph =>
    flowGraphSchema.parse({
      schemaVersion: 1,
      ...(voice ? { voice } : {}),
      nodes: [
        { id: "start", kind: "start", position: at, data: {} },
        { id: "ask", kind: "listen", position: at, data: { timeoutSeconds: 10, ...listen } },
        { id: "b", kind: "branch", position: at, data: { conditions } },
        { id: "end", kind: "end", position: at, data: { reason: "completed" } },
      ],
      edges: [
        { id: "e1", source: "start", sourcePort: "next", target: "ask" },
        { id: "e2", source: "ask", sourcePort: "heard", target: "b" },
        { id: "e3", source: "b", sourcePort: "else", target: "end" },
      ],
    });

  it("merges the Listen's expected phrases after the Branches' ones, without repeats or blanks", () => {
    const hints = listenHintsOf(
      graph({ expectedPhrases: ["tomorrow", " yes ", "", "next week"] }, [{ id: "y", match: { type: "phrases", phrases: ["yes", "no"] } }]),
    );
    expect(hints.get("ask")?.expectedPhrases).toEqual(["yes", "no", "tomorrow", "next week"]);
  });

  it("narrows a Listen before an expression Branch to the phrases the Listen names", () => {
    const hints = listenHintsOf(
      graph({ expectedPhrases: ["a table for two"] }, [{ id: "n", match: { type: "expression", expression: "utterance != ''" } }]),
    );
    expect(hints.get("ask")?.expectedPhrases).toEqual(["a table for two"]);
  });

  it("takes the Listen's language, else the flow's, else says none", () => {
    const phrases = [{ id: "y", match: { type: "phrases", phrases: ["oui"] } }];
    expect(listenHintsOf(graph({ language: "fr-FR" }, phrases, { language: "de-DE" })).get("ask")?.language).toBe("fr-FR");
    expect(listenHintsOf(graph({}, phrases, { language: "de-DE" })).get("ask")?.language).toBe("de-DE");
    expect(listenHintsOf(graph({}, phrases)).get("ask")).toEqual({ expectedPhrases: ["oui"] });
  });
});
