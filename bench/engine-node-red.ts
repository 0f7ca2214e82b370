import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { NODE_RED_CAPTURE_TYPE, nodeRedBenchFlow, STAGES, UTTERANCES, type NodeRedBenchFlow, type NodeRedSetMode } from "./engine-flow";
import type { TurnRunner } from "./engine-switchboard";

/** The message the benchmark sends through Node-RED: the utterance, and the variables a session would carry. */
interface BenchMessage {
  payload: string;
  vars: { count: number; request?: string };
  reply?: string;
  _msgid?: string;
}

/** The parts of a runtime node the benchmark touches. */
interface NodeRedNode {
  receive(msg: BenchMessage): void;
  /** Set on the capture node (see CAPTURE_NODE_JS). */
  onCapture?: (msg: BenchMessage) => void;
}

/** The parts of the embedding API (`require("node-red")`) the benchmark uses; node-red ships no types. */
interface NodeRedApi {
  init(server: ReturnType<typeof createServer>, settings: Record<string, unknown>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly nodes: { getNode(id: string): NodeRedNode | null };
}

/** The capture node: hands each message it receives to `onCapture`, which the benchmark sets on it. */
const CAPTURE_NODE_JS = `module.exports = function (RED) {
  function BenchCapture(config) {
    RED.nodes.createNode(this, config);
    const node = this;
    node.on("input", function (msg, send, done) {
      if (node.onCapture) node.onCapture(msg);
      done();
    });
  }
  RED.nodes.registerType(${JSON.stringify(NODE_RED_CAPTURE_TYPE)}, BenchCapture);
};
`;
const CAPTURE_NODE_HTML = `<script type="text/javascript">
  RED.nodes.registerType(${JSON.stringify(NODE_RED_CAPTURE_TYPE)}, { category: "function", defaults: {}, inputs: 1, outputs: 0 });
</script>
`;

const CACHE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), ".cache");

/** An embedded Node-RED with one benchmark flow per set mode (Node-RED is a singleton: one per process). */
export interface NodeRedBench {
  runners: TurnRunner[];
  close(): Promise<void>;
}

/**
 * Embeds Node-RED (no editor, no HTTP) with the benchmark flows. A turn starts when the utterance is handed to
 * the first node's `receive` and ends when the last template's output reaches the capture node. Node-RED
 * delivers messages between nodes asynchronously (its default), as it does in production.
 */
export async function startNodeRed(setModes: readonly NodeRedSetMode[]): Promise<NodeRedBench> {
  await mkdir(CACHE_DIR, { recursive: true });
  const userDir = await mkdtemp(path.join(CACHE_DIR, "node-red-"));
  const flows = setModes.map((mode) => ({ mode, flow: nodeRedBenchFlow(mode) }));
  await mkdir(path.join(userDir, "nodes"));
  await writeFile(path.join(userDir, "nodes", `${NODE_RED_CAPTURE_TYPE}.js`), CAPTURE_NODE_JS);
  await writeFile(path.join(userDir, "nodes", `${NODE_RED_CAPTURE_TYPE}.html`), CAPTURE_NODE_HTML);
  await writeFile(path.join(userDir, "flows.json"), JSON.stringify(flows.flatMap(({ flow }) => flow.nodes)));

  // Node-RED is CommonJS without types; a local name for require keeps it clear this is the one untyped edge.
  const loadCommonJs = createRequire(import.meta.url);
  const red: NodeRedApi = loadCommonJs("node-red");
  red.init(createServer(), {
    disableEditor: true,
    httpAdminRoot: false,
    httpNodeRoot: false,
    userDir,
    flowFile: "flows.json",
    credentialSecret: false,
    logging: { console: { level: "off", metrics: false, audit: false } },
  });
  await red.start();
  const runners: TurnRunner[] = [];
  for (const { mode, flow } of flows) runners.push(await flowRunner(red, mode, flow));
  return {
    runners,
    async close() {
      await red.stop();
      await rm(userDir, { recursive: true, force: true });
    },
  };
}

async function flowRunner(red: NodeRedApi, setMode: NodeRedSetMode, flow: NodeRedBenchFlow): Promise<TurnRunner> {
  const entry = await waitForNode(red, flow.entryId);
  const capture = await waitForNode(red, flow.captureId);
  let turnDone: ((msg: BenchMessage) => void) | null = null;
  capture.onCapture = (msg) => {
    const done = turnDone;
    turnDone = null;
    done?.(msg);
  };
  let vars: BenchMessage["vars"] = { count: 0 };
  let next = 0;

  return {
    name: `Node-RED, ${setMode === "jsonata" ? "JSONata" : "literal"} change`,
    async runTurns(turns, samples) {
      const began = performance.now();
      const countBefore = vars.count;
      let last: BenchMessage | null = null;
      for (let turn = 0; turn < turns; turn += 1) {
        const payload = UTTERANCES[next % UTTERANCES.length] as string;
        next += 1;
        const captured = new Promise<BenchMessage>((resolve) => (turnDone = resolve));
        const start = performance.now();
        entry.receive({ payload, vars });
        last = await captured;
        samples.push((performance.now() - start) * 1000);
        vars = last.vars;
      }
      const wall = (performance.now() - began) * 1000;
      if (last && !/^Step \d+: you said/.test(last.reply ?? ""))
        throw new Error(`Node-RED: unexpected reply ${JSON.stringify(last.reply)}`);
      // Each stage's change node adds one (JSONata) or sets the stage number (literal): proof all ten nodes ran.
      const expected = setMode === "jsonata" ? countBefore + turns * STAGES : STAGES;
      if (last && last.vars.count !== expected) throw new Error(`Node-RED: count ${last.vars.count}, expected ${expected}`);
      return wall;
    },
    async close() {},
  };
}

async function waitForNode(red: NodeRedApi, id: string): Promise<NodeRedNode> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const node = red.nodes.getNode(id);
    if (node) return node;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Node-RED did not start node ${id} (is the flow valid?)`);
}
