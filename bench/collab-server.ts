/**
 * The server side of the co-editing benchmark, in its own process like a real deployment. Mode `switchboard` runs the
 * product as `npm run serve` composes it (editor and API, live co-editing on the runtime's Socket.IO, the embedded
 * PostgreSQL) with a team of --editors accounts on one flow and --docs more flows for the memory measure; mode `relay`
 * is a bare Yjs relay on the same wire (namespace /collab, `joined`, `update` with an acknowledgement): one Y.Doc per
 * flow, each update applied and passed on, acknowledged at once; no accounts, no checks, no storage.
 * It talks to the parent over IPC: ready, memory (after a full GC), loop (its event loop's busy time), stop.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Server } from "socket.io";
import * as Y from "yjs";
import { COLLAB_NAMESPACE, MAX_UPDATE_BYTES, type CollabClientEvents, type CollabServerEvents } from "../lib/collab/collab-protocol";
import { documentOf } from "../lib/collab/flow-doc";
import { flowTemplates } from "../lib/flow/samples";

/** What the server tells the parent once it listens. */
export interface CollabBenchReady {
  type: "ready";
  port: number;
  /** One signed-in account's Cookie header per editor, the team's owner first (none for the relay). */
  cookies: string[];
  /** The flow every editor opens. */
  flowId: string;
  /** Flows opened by one editor each for the memory measure. */
  memoryFlowIds: string[];
}

/** The server's memory after a full GC, and how many flow documents it holds open. */
export interface CollabBenchMemory {
  type: "memory";
  heapUsed: number;
  rss: number;
  external: number;
  arrayBuffers: number;
  openFlows: number;
}

/** How long the server's main thread (the event loop: Socket.IO, the rooms) has been busy since it started, in ms. */
export interface CollabBenchLoop {
  type: "loop";
  activeMs: number;
}

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const mode = process.argv[2] === "relay" ? "relay" : "switchboard";
const EDITORS = argument("editors", 20);
const DOCS = argument("docs", 100);
const send = (message: CollabBenchReady | CollabBenchMemory | CollabBenchLoop) => process.send?.(message);

let ready: CollabBenchReady;
let openFlows: () => number;
let stopServer: () => Promise<void>;

if (mode === "switchboard") {
  const { startServer } = await import("../lib/server/start-server");
  const { database } = await import("../lib/db/database");
  const { createFlow } = await import("../lib/flows/flow-repository");
  const { signUpForTest } = await import("../lib/testing/signed-in");
  const { setUpTeam } = await import("../lib/testing/team-workspace");
  const server = await startServer({ port: 0, hostname: "127.0.0.1", withEditor: true, dev: false });
  const db = await database();
  // Signed up in-process: over HTTP, sign-up is rate-limited to 10 a minute per address.
  const people = [];
  for (let number = 1; number <= EDITORS; number += 1) people.push(await signUpForTest({ name: `Bench editor ${number}` }));
  const [owner, ...members] = people;
  if (!owner) throw new Error("--editors must be at least 1");
  const team = await setUpTeam(
    db,
    owner,
    members.map((who) => ({ who, role: "editor" as const })),
    "Bench team",
  );
  const memoryFlowIds: string[] = [];
  for (let number = 1; number <= DOCS; number += 1) {
    const flow = await createFlow(db, team.workspaceId, { name: `Bench doc ${number}`, templateId: "appointment-booking" }, owner.user.id);
    memoryFlowIds.push(flow.id);
  }
  ready = {
    type: "ready",
    port: Number(new URL(server.url).port),
    cookies: people.map((person) => person.cookie),
    flowId: team.flowId,
    memoryFlowIds,
  };
  openFlows = () => server.collab?.openFlows ?? 0;
  stopServer = () => server.stop();
} else {
  const httpServer = createServer();
  const io = new Server<CollabClientEvents, CollabServerEvents>(httpServer, { serveClient: false, maxHttpBufferSize: MAX_UPDATE_BYTES });
  // The same document the product opens for a flow made from the template (lib/collab/collab-room.ts, documentOf).
  const template = flowTemplates[0];
  if (!template) throw new Error("no flow template");
  const rooms = new Map<string, { doc: Y.Doc; revision: number; peers: number }>();
  io.of(COLLAB_NAMESPACE).on("connection", (socket) => {
    const flowId = String((socket.handshake.auth as { flowId?: unknown }).flowId);
    let room = rooms.get(flowId);
    if (!room) {
      room = { doc: documentOf(template.graph(), "Booking"), revision: 1, peers: 0 };
      rooms.set(flowId, room);
    }
    const here = room;
    here.peers += 1;
    void socket.join(flowId);
    socket.emit("joined", {
      role: "editor",
      peerId: socket.id,
      generation: flowId,
      state: Y.encodeStateAsUpdate(here.doc),
      stateVector: Y.encodeStateVector(here.doc),
      revision: here.revision,
      peers: [],
    });
    socket.on("update", (update, ack) => {
      Y.applyUpdate(here.doc, update, socket.id);
      socket.to(flowId).emit("update", update);
      here.revision += 1;
      ack({ ok: true, revision: here.revision });
    });
    socket.on("disconnect", () => {
      here.peers -= 1;
      if (here.peers === 0) rooms.delete(flowId);
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", () => resolve()));
  ready = {
    type: "ready",
    port: (httpServer.address() as AddressInfo).port,
    cookies: [],
    flowId: "bench-flow",
    memoryFlowIds: Array.from({ length: DOCS }, (_, index) => `bench-doc-${index + 1}`),
  };
  openFlows = () => rooms.size;
  stopServer = () => new Promise((resolve) => void io.close(() => resolve()));
}

process.on("message", async (message: { type: string }) => {
  if (message.type === "memory") {
    global.gc?.();
    const usage = process.memoryUsage();
    send({
      type: "memory",
      heapUsed: usage.heapUsed,
      rss: usage.rss,
      external: usage.external,
      arrayBuffers: usage.arrayBuffers,
      openFlows: openFlows(),
    });
  }
  if (message.type === "loop") send({ type: "loop", activeMs: performance.eventLoopUtilization().active });
  if (message.type === "stop") {
    await stopServer();
    process.exit(0);
  }
});
send(ready);
