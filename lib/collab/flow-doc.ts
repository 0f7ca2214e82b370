import * as Y from "yjs";

/*
 * A flow's draft as a Yjs document, the shape live co-editing merges (lib/collab/README.md):
 *
 *   nodes: Map<node id, Map { kind, x, y, order, data: Map<field, JSON value> }>
 *   edges: Map<edge id, { source, sourcePort, target, order }>
 *   flow:  Map { name, voice }
 *
 * Each node field is a key of its own, so two people changing different fields of one node (or one moving it while
 * the other renames it) both keep their change; a value (a field, an edge) is replaced whole, last writer wins.
 * `order` keeps the stored graph's node and edge order stable across people, which a Yjs map does not promise.
 */

/** What the document holds, before it is checked against the flow schema (a teammate's update may be anything). */
export interface DocumentGraph {
  name: string;
  graph: {
    schemaVersion: number;
    nodes: { id: string; kind: string; position: { x: number; y: number }; data: Record<string, unknown> }[];
    edges: { id: string; source: string; sourcePort: string; target: string }[];
    /** As a client wrote it: checked with the rest (lib/collab/collab-room.ts). */
    voice?: object;
  };
}

/** The graph fields this document carries: a stored graph, or the editor's. */
export interface GraphLike {
  schemaVersion: number;
  nodes: readonly { id: string; kind: string; position: { x: number; y: number }; data: object }[];
  edges: readonly { id: string; source: string; sourcePort: string; target: string }[];
  voice?: object;
}

type NodeEntry = Y.Map<unknown>;
type EdgeEntry = { source: string; sourcePort: string; target: string; order: number };

const nodesOf = (doc: Y.Doc) => doc.getMap<NodeEntry>("nodes");
const edgesOf = (doc: Y.Doc) => doc.getMap<EdgeEntry>("edges");
const flowOf = (doc: Y.Doc) => doc.getMap<unknown>("flow");

/**
 * Makes the document hold `graph` (and `name`), changing only what differs, so that concurrent edits elsewhere in the
 * flow survive. Call it inside `doc.transact(…, origin)`: the origin tells the undo manager whose edit it is.
 */
export function writeGraph(doc: Y.Doc, graph: GraphLike, name: string): void {
  const nodes = nodesOf(doc);
  const present = new Set<string>();
  let nextOrder = maxOrder(nodes) + 1;
  for (const node of graph.nodes) {
    present.add(node.id);
    const entry = nodes.get(node.id);
    if (!entry || entry.get("kind") !== node.kind) {
      nodes.set(node.id, newNodeEntry(node, entry ? Number(entry.get("order")) : nextOrder++));
      continue;
    }
    movePosition(entry, node.position);
    writeFields(entry.get("data") as Y.Map<unknown>, node.data as Record<string, unknown>);
  }
  for (const id of [...nodes.keys()]) if (!present.has(id)) nodes.delete(id);

  const edges = edgesOf(doc);
  const wired = new Set<string>();
  let nextEdgeOrder = maxOrder(edges) + 1;
  for (const edge of graph.edges) {
    wired.add(edge.id);
    const entry = edges.get(edge.id);
    if (entry && entry.source === edge.source && entry.sourcePort === edge.sourcePort && entry.target === edge.target) continue;
    edges.set(edge.id, { source: edge.source, sourcePort: edge.sourcePort, target: edge.target, order: entry?.order ?? nextEdgeOrder++ });
  }
  for (const id of [...edges.keys()]) if (!wired.has(id)) edges.delete(id);

  const flow = flowOf(doc);
  if (flow.get("name") !== name) flow.set("name", name);
  if (flow.get("schemaVersion") !== graph.schemaVersion) flow.set("schemaVersion", graph.schemaVersion);
  if (graph.voice === undefined) {
    if (flow.has("voice")) flow.delete("voice");
  } else if (!sameJson(flow.get("voice"), graph.voice)) {
    flow.set("voice", graph.voice);
  }
}

/**
 * Moves nodes the document holds to new positions, touching nothing else: a drag's frames, which writeGraph would
 * compare node by node (~1.5 ms a frame at 1,000 nodes). False, with nothing written, when a node is not there.
 */
export function writePositions(doc: Y.Doc, moved: readonly { id: string; position: { x: number; y: number } }[]): boolean {
  const nodes = nodesOf(doc);
  const entries = moved.map((node) => nodes.get(node.id));
  if (entries.some((entry) => entry === undefined)) return false;
  moved.forEach((node, index) => movePosition(entries[index] as NodeEntry, node.position));
  return true;
}

/** Sets a node's coordinates, each only if it changed (an unchanged one would still be an update to send). */
function movePosition(entry: NodeEntry, position: { x: number; y: number }): void {
  if (entry.get("x") !== position.x) entry.set("x", position.x);
  if (entry.get("y") !== position.y) entry.set("y", position.y);
}

/** The flow's name as the document holds it, without reading the rest. */
export function nameOf(doc: Y.Doc): string {
  const name = flowOf(doc).get("name");
  return typeof name === "string" ? name : "";
}

/** The graph and name the document holds now, in a stable order. */
export function readGraph(doc: Y.Doc): DocumentGraph {
  const nodes = [...nodesOf(doc).entries()]
    .map(([id, entry]) => ({
      order: Number(entry.get("order")),
      node: {
        id,
        kind: String(entry.get("kind")),
        position: { x: Number(entry.get("x")), y: Number(entry.get("y")) },
        data: fieldsOf(entry.get("data")),
      },
    }))
    .sort(byOrderThenId)
    .map(({ node }) => node);
  const edges = [...edgesOf(doc).entries()]
    .map(([id, entry]) => ({ order: entry.order, edge: { id, source: entry.source, sourcePort: entry.sourcePort, target: entry.target } }))
    .sort(byOrderThenId)
    .map(({ edge }) => edge);
  const flow = flowOf(doc);
  const voice = flow.get("voice");
  const schemaVersion = flow.get("schemaVersion");
  return {
    name: nameOf(doc),
    graph: {
      schemaVersion: typeof schemaVersion === "number" ? schemaVersion : 0,
      nodes,
      edges,
      ...(voice === undefined ? {} : { voice: voice as object }),
    },
  };
}

/** A new document holding `graph`. */
export function documentOf(graph: GraphLike, name: string): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => writeGraph(doc, graph, name));
  return doc;
}

function newNodeEntry(node: GraphLike["nodes"][number], order: number): NodeEntry {
  const entry = new Y.Map<unknown>();
  entry.set("kind", node.kind);
  entry.set("x", node.position.x);
  entry.set("y", node.position.y);
  entry.set("order", order);
  const data = new Y.Map<unknown>();
  for (const [field, value] of Object.entries(node.data)) data.set(field, value);
  entry.set("data", data);
  return entry;
}

function writeFields(target: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const field of [...target.keys()]) if (!(field in fields)) target.delete(field);
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) {
      if (target.has(field)) target.delete(field);
    } else if (!sameJson(target.get(field), value)) {
      target.set(field, value);
    }
  }
}

function fieldsOf(data: unknown): Record<string, unknown> {
  return data instanceof Y.Map ? Object.fromEntries(data.entries()) : {};
}

function maxOrder(map: Y.Map<NodeEntry> | Y.Map<EdgeEntry>): number {
  let max = -1;
  for (const entry of map.values()) {
    const order = entry instanceof Y.Map ? Number(entry.get("order")) : entry.order;
    if (Number.isFinite(order) && order > max) max = order;
  }
  return max;
}

function byOrderThenId(a: { order: number; node?: { id: string }; edge?: { id: string } }, b: typeof a): number {
  if (a.order !== b.order) return a.order - b.order;
  const idA = (a.node ?? a.edge)?.id ?? "";
  const idB = (b.node ?? b.edge)?.id ?? "";
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/** Values here are JSON written by one client and read by another: equal JSON is an equal value. */
function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
