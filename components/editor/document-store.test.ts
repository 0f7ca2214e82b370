import { describe, expect, it } from "vitest";
import { flowTemplates } from "@/lib/flow/samples";
import { createDocumentStore } from "./document-store";
import { canvasToGraph } from "./graph-convert";

function loaded() {
  const store = createDocumentStore();
  store.getState().load("flow-1", "Booking", flowTemplates[0]!.graph());
  return store;
}

function select(store: ReturnType<typeof loaded>, ...ids: string[]) {
  store.setState({ nodes: store.getState().nodes.map((node) => ({ ...node, selected: ids.includes(node.id) })) });
}

describe("document store", () => {
  it("keeps the flow's voice settings from load to the saved graph, and undoes a change of them", () => {
    const store = createDocumentStore();
    store.getState().load("flow-1", "Booking", { ...flowTemplates[0]!.graph(), voice: { speechToText: "deepgram" } });
    store.getState().patchFlowVoice({ voice: "espeak:en-us" });
    const { nodes, edges, voice } = store.getState();
    expect(canvasToGraph(nodes, edges, voice).voice).toEqual({ speechToText: "deepgram", voice: "espeak:en-us" });

    store.getState().patchFlowVoice({ speechToText: undefined, voice: undefined });
    expect(store.getState().voice).toBeUndefined();
    expect(canvasToGraph(store.getState().nodes, store.getState().edges, store.getState().voice)).not.toHaveProperty("voice");
    store.getState().undo();
    expect(store.getState().voice).toEqual({ speechToText: "deepgram", voice: "espeak:en-us" });
    store.getState().undo();
    expect(store.getState().voice).toEqual({ speechToText: "deepgram" });
    store.getState().redo();
    expect(store.getState().voice).toEqual({ speechToText: "deepgram", voice: "espeak:en-us" });
  });

  it("undoes and redoes a deletion, edges included, as one step", () => {
    const store = loaded();
    const before = store.getState();
    select(store, "greet");
    store.getState().deleteSelection();
    expect(store.getState().nodes.some((node) => node.id === "greet")).toBe(false);
    expect(store.getState().edges.some((edge) => edge.source === "greet" || edge.target === "greet")).toBe(false);

    store.getState().undo();
    expect(store.getState().nodes.map((node) => node.id)).toEqual(before.nodes.map((node) => node.id));
    expect(store.getState().edges).toHaveLength(before.edges.length);

    store.getState().redo();
    expect(store.getState().nodes.some((node) => node.id === "greet")).toBe(false);
  });

  it("makes a whole drag one undo step", () => {
    const store = loaded();
    const start = store.getState().nodes.find((node) => node.id === "start")!.position;
    for (let step = 1; step <= 10; step += 1) {
      store.getState().onNodesChange([{ type: "position", id: "start", position: { x: step * 10, y: 0 }, dragging: true }]);
    }
    store.getState().onNodesChange([{ type: "position", id: "start", position: { x: 100, y: 0 }, dragging: false }]);
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().nodes.find((node) => node.id === "start")!.position).toEqual(start);
  });

  it("refuses every edit of a read-only flow, from any entry point, and still selects", () => {
    const store = createDocumentStore();
    store.getState().load("flow-1", "Booking", flowTemplates[0]!.graph(), { readOnly: true });
    const before = store.getState();
    const actions = store.getState();
    actions.rename("Renamed by a viewer");
    actions.patchFlowVoice({ voice: "espeak:en-us" });
    expect(actions.addNode("say", { x: 0, y: 0 })).toBe("");
    expect(actions.insertNodeOnEdge("say", { x: 0, y: 0 }, before.edges[0]!.id)).toBe(false);
    actions.connect({ source: "greet", sourceHandle: "next", target: "start", targetHandle: null });
    actions.patchNodeData("greet", { text: "Changed" });
    actions.onNodesChange([{ type: "position", id: "start", position: { x: 500, y: 500 }, dragging: false }]);
    actions.onNodesChange([{ type: "remove", id: "greet" }]);
    actions.onEdgesChange([{ type: "remove", id: before.edges[0]!.id }]);
    actions.onNodesChange([{ type: "select", id: "greet", selected: true }]);
    actions.deleteSelection();
    actions.duplicateSelection();
    actions.moveNodes(new Map([["greet", { x: 900, y: 900 }]]));
    actions.undo();
    const after = store.getState();
    expect(after.version).toBe(before.version);
    expect(after.name).toBe("Booking");
    expect(after.voice).toEqual(before.voice);
    expect(after.edges).toEqual(before.edges);
    expect(after.nodes.map(({ id, position, data }) => ({ id, position, data }))).toEqual(
      before.nodes.map(({ id, position, data }) => ({ id, position, data })),
    );
    expect(after.nodes.find((node) => node.id === "greet")?.selected).toBe(true);
    // The next flow opened with edit rights is editable again.
    store.getState().load("flow-2", "Mine", flowTemplates[0]!.graph());
    store.getState().rename("Mine, renamed");
    expect(store.getState().name).toBe("Mine, renamed");
  });

  it("does not record selection or measurement as edits", () => {
    const store = loaded();
    const { version } = store.getState();
    store.getState().onNodesChange([{ type: "select", id: "start", selected: true }]);
    store.getState().onNodesChange([{ type: "dimensions", id: "start", dimensions: { width: 100, height: 50 } }]);
    expect(store.getState().past).toHaveLength(0);
    expect(store.getState().version).toBe(version);
  });

  it("coalesces typing into one field into one step", () => {
    const store = loaded();
    for (const text of ["H", "He", "Hel", "Hello"]) store.getState().patchNodeData("greet", { text }, "text");
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    const greet = store.getState().nodes.find((node) => node.id === "greet");
    expect(greet?.type === "say" && greet.data.text).toMatch(/^Hi!/);
  });

  it("refuses edges into start, onto the same node, and a second edge from one port", () => {
    const store = loaded();
    const count = store.getState().edges.length;
    store.getState().connect({ source: "greet", sourceHandle: "next", target: "start", targetHandle: "in" });
    store.getState().connect({ source: "greet", sourceHandle: "next", target: "greet", targetHandle: "in" });
    store.getState().connect({ source: "greet", sourceHandle: "next", target: "done", targetHandle: "in" });
    expect(store.getState().edges).toHaveLength(count);
  });

  it("drops the edge of a branch condition that is removed", () => {
    const store = loaded();
    const intent = store.getState().nodes.find((node) => node.id === "intent");
    if (intent?.type !== "branch") throw new Error("fixture changed");
    store.getState().updateNodeData("intent", "branch", { ...intent.data, conditions: intent.data.conditions.slice(1) });
    expect(store.getState().edges.some((edge) => edge.id === "e-book")).toBe(false);
    store.getState().undo();
    expect(store.getState().edges.some((edge) => edge.id === "e-book")).toBe(true);
  });

  it("pastes copies with new ids, keeping the edges between them", () => {
    const store = loaded();
    select(store, "ask-name", "hear-name");
    const snapshot = store.getState().copySelection()!;
    store.getState().paste(snapshot, { x: 40, y: 40 });
    const pasted = store.getState().nodes.filter((node) => node.selected);
    expect(pasted).toHaveLength(2);
    expect(pasted.every((node) => node.id !== "ask-name" && node.id !== "hear-name")).toBe(true);
    const ids = new Set(pasted.map((node) => node.id));
    expect(store.getState().edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target))).toHaveLength(1);
  });

  describe("co-edited live", () => {
    it("shows a teammate's graph without an undo step, keeping what the canvas knows of each node, even read-only", () => {
      const store = loaded();
      select(store, "greet");
      store.setState({
        nodes: store.getState().nodes.map((node) => (node.id === "greet" ? { ...node, measured: { width: 240, height: 90 } } : node)),
        readOnly: true,
      });
      const { past, version } = store.getState();
      const graph = canvasToGraph(store.getState().nodes, store.getState().edges);
      const theirs = {
        ...graph,
        nodes: graph.nodes.map((node) => (node.id === "greet" ? { ...node, position: { x: 5, y: 6 } } : node)),
      };
      store.getState().applyShared("Booking (theirs)", theirs);
      const after = store.getState();
      const greet = after.nodes.find((node) => node.id === "greet");
      expect(greet).toMatchObject({ position: { x: 5, y: 6 }, selected: true, measured: { width: 240, height: 90 } });
      expect(after.name).toBe("Booking (theirs)");
      expect(after.past).toBe(past);
      expect(after.version).toBe(version + 1);
    });

    it("hands undo and redo to the shared history while there is one", () => {
      const store = loaded();
      const steps: string[] = [];
      store.setState({ sharedHistory: { undo: () => steps.push("undo"), redo: () => steps.push("redo") } });
      select(store, "greet");
      store.getState().deleteSelection();
      store.getState().undo();
      store.getState().redo();
      expect(steps).toEqual(["undo", "redo"]);
      // The local history was not used: the node stays deleted until the shared document says otherwise.
      expect(store.getState().nodes.some((node) => node.id === "greet")).toBe(false);
    });
  });
});
