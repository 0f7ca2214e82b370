import type { FlowGraph } from "../flow/schema";

const at = { x: 0, y: 0 };

/** start → an interruptible Say → listen (phrases yes / book) → End: the voice tests' barge-in call, over Socket.IO and LiveKit. */
export const bargeInFlow: FlowGraph = {
  schemaVersion: 1,
  nodes: [
    { id: "start", kind: "start", position: at, data: {} },
    {
      id: "menu",
      kind: "say",
      position: at,
      data: {
        text: "Welcome. Our opening hours are nine to five on weekdays. We are closed on public holidays. You can book, cancel or move an appointment. Say yes to book one.",
        interruptible: true,
      },
    },
    { id: "ask", kind: "listen", position: at, data: { timeoutSeconds: 10 } },
    {
      id: "intent",
      kind: "branch",
      position: at,
      data: { conditions: [{ id: "yes", match: { type: "phrases", phrases: ["yes", "book"] } }] },
    },
    { id: "booked", kind: "end", position: at, data: { goodbye: "Booked.", reason: "booked" } },
    { id: "other", kind: "end", position: at, data: { goodbye: "Bye.", reason: "other" } },
    { id: "silent", kind: "end", position: at, data: { goodbye: "Nobody there. Goodbye.", reason: "silence" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "menu" },
    { id: "e2", source: "menu", sourcePort: "next", target: "ask" },
    { id: "e3", source: "menu", sourcePort: "interrupted", target: "ask" },
    { id: "e4", source: "ask", sourcePort: "heard", target: "intent" },
    { id: "e5", source: "ask", sourcePort: "timeout", target: "silent" },
    { id: "e6", source: "intent", sourcePort: "yes", target: "booked" },
    { id: "e7", source: "intent", sourcePort: "else", target: "other" },
  ],
};
