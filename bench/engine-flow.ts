import type { FlowEdge, FlowGraph, FlowNode } from "../lib/flow/schema";

/**
 * The flow the engine benchmark runs, generated for both systems with the same shape. One turn executes
 * `1 + 3 × stages` nodes: the listen that hears the utterance, then per stage a branch (phrases), a set
 * (an expression: `count + 1`) and a templated say, then back to the same listen.
 */
export const STAGES = 3;
export const NODES_PER_TURN = 1 + 3 * STAGES;

/** What the caller says, in rotation; each matches a different branch condition (the last none). */
export const UTTERANCES = ["I want to book an appointment", "Yes please, book it", "cancel that", "stop", "maybe later"] as const;

const BOOK_PHRASES = ["book", "appointment", "yes"];
const CANCEL_PHRASES = ["cancel", "stop", "no"];

/** The Switchboard graph: start → greet → listen ⇄ (branch → set → say) × stages. */
export function switchboardBenchFlow(): FlowGraph {
  const nodes: FlowNode[] = [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, data: {} },
    { id: "greet", kind: "say", position: { x: 200, y: 0 }, data: { text: "Hello, how can I help?" } },
    { id: "listen", kind: "listen", position: { x: 400, y: 0 }, data: { timeoutSeconds: 3600, variable: "request" } },
  ];
  const edges: FlowEdge[] = [
    { id: "e-start", source: "start", sourcePort: "next", target: "greet" },
    { id: "e-greet", source: "greet", sourcePort: "next", target: "listen" },
  ];
  let previous = { id: "listen", port: "heard" };
  for (let stage = 1; stage <= STAGES; stage += 1) {
    const x = 400 + stage * 600;
    const [branch, set, say] = [`branch-${stage}`, `set-${stage}`, `say-${stage}`];
    nodes.push(
      {
        id: branch,
        kind: "branch",
        position: { x, y: 0 },
        data: {
          conditions: [
            { id: "book", match: { type: "phrases", phrases: BOOK_PHRASES } },
            { id: "cancel", match: { type: "phrases", phrases: CANCEL_PHRASES } },
          ],
        },
      },
      {
        id: set,
        kind: "set",
        position: { x: x + 200, y: 0 },
        data: { assignments: [{ variable: "count", source: { type: "expression", expression: "count + 1" } }] },
      },
      { id: say, kind: "say", position: { x: x + 400, y: 0 }, data: { text: `Step {{count}}: you said "{{request}}".` } },
    );
    edges.push(
      { id: `e-${previous.id}-${previous.port}`, source: previous.id, sourcePort: previous.port, target: branch },
      // Every branch port leads to the same set node, so each turn runs the same node count whatever was said.
      ...["book", "cancel", "else"].map((port) => ({ id: `e-${branch}-${port}`, source: branch, sourcePort: port, target: set })),
      { id: `e-${set}`, source: set, sourcePort: "next", target: say },
    );
    previous = { id: say, port: "next" };
  }
  edges.push({ id: `e-${previous.id}-back`, source: previous.id, sourcePort: previous.port, target: "listen" });
  return { schemaVersion: 1, nodes, edges };
}

/** A node of a Node-RED flows file (only the fields this benchmark sets). */
export interface NodeRedNodeConfig {
  id: string;
  type: string;
  z?: string;
  wires?: string[][];
  [setting: string]: unknown;
}

/** How the Node-RED change nodes compute `count + 1`. */
export type NodeRedSetMode = "jsonata" | "literal";

export const NODE_RED_CAPTURE_TYPE = "bench-capture";

/** One Node-RED benchmark flow: its nodes (a tab of its own) and the nodes a message enters and leaves by. */
export interface NodeRedBenchFlow {
  nodes: NodeRedNodeConfig[];
  entryId: string;
  captureId: string;
}

function phraseRegex(phrases: readonly string[]): string {
  return `\\b(${phrases.join("|")})\\b`;
}

/**
 * The same shape in Node-RED: change (the listen: keeps the utterance) → (switch → change → template) × stages
 * → the capture node. Switch rules are case-insensitive word regexes, the equivalent of phrase matching; the
 * change node evaluates `count + 1` as JSONata (an expression, like the CEL set) or sets a literal (cheaper);
 * the template renders mustache into `msg.reply`.
 */
export function nodeRedBenchFlow(setMode: NodeRedSetMode): NodeRedBenchFlow {
  const id = (name: string) => `${setMode}-${name}`;
  const z = id("tab");
  const entryId = id("listen");
  const captureId = id("capture");
  const nodes: NodeRedNodeConfig[] = [{ id: z, type: "tab", label: `bench ${setMode}`, disabled: false, info: "" }];
  const ids = [entryId];
  for (let stage = 1; stage <= STAGES; stage += 1) ids.push(id(`switch-${stage}`), id(`change-${stage}`), id(`template-${stage}`));
  const nextOf = (index: number) => ids[index + 1] ?? captureId;

  nodes.push({
    id: entryId,
    type: "change",
    z,
    name: "listen",
    rules: [
      { t: "set", p: "utterance", pt: "msg", to: "payload", tot: "msg" },
      { t: "set", p: "vars.request", pt: "msg", to: "payload", tot: "msg" },
    ],
    wires: [[nextOf(0)]],
  });
  for (let stage = 1; stage <= STAGES; stage += 1) {
    const base = 1 + (stage - 1) * 3;
    nodes.push(
      {
        id: id(`switch-${stage}`),
        type: "switch",
        z,
        name: "branch",
        property: "utterance",
        propertyType: "msg",
        rules: [
          { t: "regex", v: phraseRegex(BOOK_PHRASES), vt: "str", case: true },
          { t: "regex", v: phraseRegex(CANCEL_PHRASES), vt: "str", case: true },
          { t: "else" },
        ],
        checkall: "false",
        repair: false,
        outputs: 3,
        wires: [[nextOf(base)], [nextOf(base)], [nextOf(base)]],
      },
      {
        id: id(`change-${stage}`),
        type: "change",
        z,
        name: "set",
        rules:
          setMode === "jsonata"
            ? [{ t: "set", p: "vars.count", pt: "msg", to: "vars.count + 1", tot: "jsonata" }]
            : [{ t: "set", p: "vars.count", pt: "msg", to: String(stage), tot: "num" }],
        wires: [[nextOf(base + 1)]],
      },
      {
        id: id(`template-${stage}`),
        type: "template",
        z,
        name: "say",
        field: "reply",
        fieldType: "msg",
        syntax: "mustache",
        template: 'Step {{vars.count}}: you said "{{vars.request}}".',
        output: "str",
        wires: [[nextOf(base + 2)]],
      },
    );
  }
  nodes.push({ id: captureId, type: NODE_RED_CAPTURE_TYPE, z, wires: [] });
  return { nodes, entryId, captureId };
}
