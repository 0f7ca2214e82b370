import type { FlowGraph } from "../lib/flow/schema";

/** A chat loop: greet, then echo each utterance until the caller says bye, then End with a goodbye. */
export function echoUntilByeFlow(): FlowGraph {
  const at = { x: 0, y: 0 };
  return {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: at, data: {} },
      { id: "hello", kind: "say", position: at, data: { text: "Hello! Say bye to finish." } },
      { id: "hear", kind: "listen", position: at, data: { timeoutSeconds: 120, variable: "said" } },
      { id: "is-bye", kind: "branch", position: at, data: { conditions: [{ id: "bye", match: { type: "phrases", phrases: ["bye"] } }] } },
      { id: "echo", kind: "say", position: at, data: { text: "You said: {{said}}" } },
      { id: "end", kind: "end", position: at, data: { goodbye: "Goodbye!", reason: "completed" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "hello" },
      { id: "e2", source: "hello", sourcePort: "next", target: "hear" },
      { id: "e3", source: "hear", sourcePort: "heard", target: "is-bye" },
      { id: "e4", source: "is-bye", sourcePort: "bye", target: "end" },
      { id: "e5", source: "is-bye", sourcePort: "else", target: "echo" },
      { id: "e6", source: "echo", sourcePort: "next", target: "hear" },
    ],
  };
}
