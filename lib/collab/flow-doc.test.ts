import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { flowTemplates } from "../flow/samples";
import { documentOf, readGraph, writeGraph, writePositions, type GraphLike } from "./flow-doc";

const template = flowTemplates[0]!.graph();

/** Two people's copies of one document, each edited on its own, then swapped both ways (what the server relays). */
function mergedEdits(first: (doc: Y.Doc) => void, second: (doc: Y.Doc) => void): [Y.Doc, Y.Doc] {
  const a = documentOf(template, "Booking");
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  first(a);
  second(b);
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA);
  Y.applyUpdate(a, fromB);
  return [a, b];
}

const edit = (doc: Y.Doc, change: (graph: GraphLike & { nodes: GraphLike["nodes"][number][] }) => GraphLike, name?: string) => {
  const current = readGraph(doc);
  doc.transact(() => writeGraph(doc, change({ ...current.graph, nodes: [...current.graph.nodes] }), name ?? current.name));
};

describe("a flow as a shared document", () => {
  it("gives back the graph and name it was made from, in the same order", () => {
    const read = readGraph(documentOf(template, "Booking"));
    expect(read.name).toBe("Booking");
    expect(read.graph).toEqual(JSON.parse(JSON.stringify(template)));
  });

  it("writes only what changed: the same graph again is no update at all", () => {
    const doc = documentOf(template, "Booking");
    let updates = 0;
    doc.on("update", () => updates++);
    doc.transact(() => writeGraph(doc, template, "Booking"));
    expect(updates).toBe(0);
  });

  it("moves nodes by position alone, as writeGraph would, and writes nothing when a node is missing", () => {
    const [first, second] = template.nodes;
    const moved = documentOf(template, "Booking");
    expect(writePositions(moved, [{ id: first!.id, position: { x: 7, y: 8 } }])).toBe(true);
    const rewritten = documentOf(template, "Booking");
    rewritten.transact(() =>
      writeGraph(
        rewritten,
        { ...template, nodes: template.nodes.map((node) => (node === first ? { ...node, position: { x: 7, y: 8 } } : node)) },
        "Booking",
      ),
    );
    expect(readGraph(moved)).toEqual(readGraph(rewritten));

    let updates = 0;
    moved.on("update", () => updates++);
    expect(
      writePositions(moved, [
        { id: second!.id, position: { x: 1, y: 1 } },
        { id: "gone", position: { x: 0, y: 0 } },
      ]),
    ).toBe(false);
    expect(updates).toBe(0);
  });

  it("keeps both of two people's edits to different fields of one node, and a move beside a rename", () => {
    const [target] = template.nodes.filter((node) => node.kind === "say");
    const [a, b] = mergedEdits(
      (doc) =>
        edit(doc, (graph) => ({
          ...graph,
          nodes: graph.nodes.map((node) => (node.id === target!.id ? { ...node, data: { ...node.data, text: "Changed text" } } : node)),
        })),
      (doc) =>
        edit(doc, (graph) => ({
          ...graph,
          nodes: graph.nodes.map((node) =>
            node.id === target!.id ? { ...node, position: { x: 999, y: 111 }, data: { ...node.data, label: "Renamed" } } : node,
          ),
        })),
    );
    for (const doc of [a, b]) {
      const merged = readGraph(doc).graph.nodes.find((node) => node.id === target!.id);
      expect(merged).toMatchObject({ position: { x: 999, y: 111 }, data: { text: "Changed text", label: "Renamed" } });
    }
    expect(readGraph(a)).toEqual(readGraph(b));
  });

  it("keeps a node one person added while the other deleted another, and both agree on the order", () => {
    const victim = template.nodes.at(-1)!.id;
    const [a, b] = mergedEdits(
      (doc) =>
        edit(doc, (graph) => ({
          ...graph,
          nodes: [...graph.nodes, { id: "say-new", kind: "say", position: { x: 0, y: 500 }, data: { text: "New" } }],
        })),
      (doc) =>
        edit(doc, (graph) => ({
          ...graph,
          nodes: graph.nodes.filter((node) => node.id !== victim),
          edges: graph.edges.filter((e) => e.source !== victim && e.target !== victim),
        })),
    );
    const ids = readGraph(a).graph.nodes.map((node) => node.id);
    expect(ids).toContain("say-new");
    expect(ids).not.toContain(victim);
    expect(ids.at(-1)).toBe("say-new");
    expect(readGraph(b)).toEqual(readGraph(a));
  });

  it("takes back only its own edit with an undo manager on its origin", () => {
    const [a, b] = mergedEdits(
      () => undefined,
      () => undefined,
    );
    const undo = new Y.UndoManager([a.getMap("nodes"), a.getMap("edges"), a.getMap("flow")], { trackedOrigins: new Set(["mine"]) });
    a.transact(() => writeGraph(a, { ...readGraph(a).graph }, "Mine"), "mine");
    edit(b, (graph) => ({
      ...graph,
      nodes: [...graph.nodes, { id: "say-theirs", kind: "say", position: { x: 0, y: 0 }, data: { text: "Theirs" } }],
    }));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), "remote");
    undo.undo();
    expect(readGraph(a).name).toBe("Booking");
    expect(readGraph(a).graph.nodes.map((node) => node.id)).toContain("say-theirs");
  });
});
