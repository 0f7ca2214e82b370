/**
 * The editors of the co-editing benchmark: N CollabTestClients on one flow, each adding a Say node of its own and then
 * moving it `rate` times a second (with jitter) for `seconds` seconds. Every edit sets the node's x to its sequence
 * number, so each receiver can tell which edit it just applied and when it first saw it; the same clock (this
 * process) timestamps the send and every arrival.
 */
import * as Y from "yjs";
import type { UpdateAck } from "../lib/collab/collab-protocol";
import { CollabTestClient } from "../lib/testing/collab-client";

export interface EditorsOptions {
  url: string;
  flowId: string;
  /** One Cookie header per editor; shorter (the relay's: none) means editors without one. */
  cookies: readonly string[];
  editors: number;
  seconds: number;
  /** Edits per second per editor. */
  rate: number;
  /** The server's event loop busy time so far (ms): asked before the editors start moving and after the last edit arrived. */
  serverBusyMs(): Promise<number>;
}

/** What one run of the editors measured, in ms where it is a time. */
export interface EditorsRun {
  /** Send → applied by one other editor: one sample per edit and receiver. */
  delivery: number[];
  /** Send → applied by the last of the other editors: one sample per edit delivered to all. */
  reachedAll: number[];
  /** Send → the server's acknowledgement. */
  ack: number[];
  sent: number;
  /** From the first edit sent to the last one. */
  sendingMs: number;
  /** The server's event loop busy time from the first move to the last delivery. */
  serverBusyMs: number;
  /** Edit and receiver pairs never delivered. */
  lost: number;
  /** Refused or failed acknowledgements, and edits seen that nobody sent, by what went wrong. */
  problems: string[];
  /** Closes every editor's connection. */
  close(): void;
}

/** How long to wait for the last edits to arrive before counting what never did. */
const DRAIN_MS = 10_000;
const nodeId = (editor: number) => `bench-${editor}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects the editors, gives each its node, then has them all edit at once and measures every delivery. */
export async function runEditors(options: EditorsOptions): Promise<EditorsRun> {
  const { editors, url, flowId } = options;
  const clients = Array.from({ length: editors }, (_, index) => new CollabTestClient(url, flowId, options.cookies[index]));
  const close = () => clients.forEach((client) => client.close());
  const problems: string[] = [];
  const samples = { delivery: [] as number[], reachedAll: [] as number[], ack: [] as number[] };
  try {
    await Promise.all(clients.map((client) => client.joined()));
    await addNodes(clients);

    // sentAt[editor][seq]; arrivals[editor][seq][receiver].
    const sentAt: number[][] = clients.map(() => []);
    const arrivals: Array<Array<Map<number, number>>> = clients.map(() => []);
    let outstanding = 0;
    let drained = () => {};
    clients.forEach((client, receiver) => {
      client.doc.getMap("nodes").observeDeep((events, transaction) => {
        if (transaction.origin !== "server") return;
        const now = performance.now();
        for (const event of events) {
          if (event.path.length !== 1 || !(event instanceof Y.YMapEvent) || !event.keysChanged.has("x")) continue;
          const editor = Number(String(event.path[0]).slice("bench-".length));
          const seq = Number((event.target as Y.Map<unknown>).get("x"));
          const seen = arrivals[editor]?.[seq];
          if (!seen) {
            problems.push(`editor ${receiver} saw x=${seq} on ${String(event.path[0])}, which nobody sent`);
            continue;
          }
          if (seen.has(receiver)) continue;
          seen.set(receiver, now);
          outstanding -= 1;
          if (outstanding === 0) drained();
        }
      });
    });

    const busyAtStart = await options.serverBusyMs();
    const acks: Promise<void>[] = [];
    const intervalMs = 1000 / options.rate;
    const started = performance.now();
    const until = started + options.seconds * 1000;
    let lastSent = started;
    await Promise.all(
      clients.map(async (client, editor) => {
        const entry = client.doc.getMap<Y.Map<unknown>>("nodes").get(nodeId(editor));
        if (!entry) throw new Error(`editor ${editor} lost its node`);
        // A random start, then intervals of 0.5-1.5× the mean: the editors do not all edit in the same millisecond.
        await sleep(Math.random() * intervalMs);
        for (let seq = 0; performance.now() < until; seq += 1) {
          const captured: Uint8Array[] = [];
          const capture = (bytes: Uint8Array, origin: unknown) => {
            if (origin === "local") captured.push(bytes);
          };
          client.doc.on("update", capture);
          client.doc.transact(() => entry.set("x", seq), "local");
          client.doc.off("update", capture);
          const [update] = captured;
          if (!update || captured.length > 1) throw new Error(`editor ${editor}'s move made ${captured.length} updates, not one`);
          arrivals[editor]!.push(new Map());
          outstanding += editors - 1;
          const sent = performance.now();
          sentAt[editor]!.push(sent);
          lastSent = sent;
          acks.push(
            client.send(update).then(
              (answer: UpdateAck) => {
                if (answer.ok) samples.ack.push(performance.now() - sent);
                else problems.push(`edit ${seq} of editor ${editor} refused: ${answer.code} (${answer.message})`);
              },
              (error: unknown) => {
                problems.push(`edit ${seq} of editor ${editor}: no acknowledgement (${String(error)})`);
              },
            ),
          );
          await sleep(intervalMs * (0.5 + Math.random()));
        }
      }),
    );
    await Promise.all(acks);
    if (outstanding > 0) {
      await Promise.race([new Promise<void>((resolve) => (drained = resolve)), sleep(DRAIN_MS)]);
    }
    const serverBusyMs = (await options.serverBusyMs()) - busyAtStart;

    for (let editor = 0; editor < editors; editor += 1) {
      sentAt[editor]!.forEach((sent, seq) => {
        const seen = arrivals[editor]![seq]!;
        for (const at of seen.values()) samples.delivery.push(at - sent);
        if (seen.size === editors - 1) samples.reachedAll.push(Math.max(...seen.values()) - sent);
      });
    }
    // Every editor ends with every node where its owner last put it.
    clients.forEach((client, receiver) => {
      const nodes = client.doc.getMap<Y.Map<unknown>>("nodes");
      for (let editor = 0; editor < editors; editor += 1) {
        const x = nodes.get(nodeId(editor))?.get("x");
        const last = sentAt[editor]!.length - 1;
        if (x !== last) problems.push(`editor ${receiver} ends with ${nodeId(editor)} at x=${String(x)}, not ${last}`);
      }
    });
    return {
      ...samples,
      sent: sentAt.reduce((sum, times) => sum + times.length, 0),
      sendingMs: lastSent - started,
      serverBusyMs,
      lost: outstanding,
      problems,
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}

/** Each editor adds its own Say node, as the canvas does; resolves when every editor has every one. */
async function addNodes(clients: readonly CollabTestClient[]): Promise<void> {
  const answers = await Promise.all(
    clients.map((client, editor) =>
      client.edit((current) => ({
        name: current.name,
        graph: {
          ...current.graph,
          nodes: [
            ...current.graph.nodes,
            { id: nodeId(editor), kind: "say", position: { x: -1, y: 600 + 120 * editor }, data: { text: `Editor ${editor} was here` } },
          ],
        },
      })),
    ),
  );
  const refused = answers.find((answer) => !answer.ok);
  if (refused) throw new Error(`adding a node was refused: ${JSON.stringify(refused)}`);
  const hasAll = (client: CollabTestClient) => clients.every((_, editor) => client.doc.getMap("nodes").has(nodeId(editor)));
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve, reject) => {
          if (hasAll(client)) return resolve();
          const timeout = setTimeout(() => reject(new Error("the editors' nodes did not reach every editor within 10 s")), DRAIN_MS);
          const check = () => {
            if (!hasAll(client)) return;
            clearTimeout(timeout);
            client.doc.off("update", check);
            resolve();
          };
          client.doc.on("update", check);
        }),
    ),
  );
}
