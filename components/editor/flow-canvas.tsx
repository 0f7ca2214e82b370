"use client";

import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type NodeChange,
  type OnConnectEnd,
  type OnMoveStart,
  type OnNodeDrag,
  type OnSelectionChangeParams,
  type ReactFlowState,
  type Viewport,
  type XYPosition,
} from "@xyflow/react";
import { useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import { nodeKindNames, type NodeKind } from "@/lib/flow";
import type { CanvasEdge, CanvasNode } from "./canvas-types";
import { useCanvasTabOrder } from "./canvas-tab-order";
import { connectionProblem } from "./connection-rules";
import { useDocumentStore, type DocumentState } from "./document-store";
import { edgeTypes } from "./flow-edge-view";
import { FlowMiniMap } from "./flow-minimap";
import { FIT_OPTIONS } from "./flow-viewport";
import { KindPicker } from "./kind-picker";
import { capturePointerOnNode } from "./node-pointer-capture";
import { NodeDetailContext } from "./nodes/node-detail";
import { nodeTypes } from "./nodes/node-types";
import { PALETTE_DRAG_TYPE } from "./palette";
import { useUiStore } from "./ui-store";
import { useFlowSettled } from "./use-flow-settled";
import type { FlowView } from "./use-flow-view";
import { useScheduledSelector } from "./use-scheduled-selector";
import { whenIdle } from "./when-idle";
import "./flow-canvas.css";
import { PeerOverlay } from "./collab/peer-overlay";

const defaultEdgeOptions = { type: "flow", markerEnd: { type: MarkerType.ArrowClosed, width: 10, height: 10 } } as const;
const multiSelectionKeys = ["Meta", "Control", "Shift"];

/** Below this zoom text is unreadable: nodes draw only frames and ports, which keeps big flows smooth. */
const DETAIL_ZOOM = 0.3;
const zoomedOut = (state: ReactFlowState) => state.transform[2] < DETAIL_ZOOM;

const selectNodes = (state: DocumentState) => state.nodes;
const selectEdges = (state: DocumentState) => state.edges;

function isNodeKind(value: string): value is NodeKind {
  return (nodeKindNames as string[]).includes(value);
}

/** The edge drawn under a screen point, if any (its interaction path is wider than the line, so near counts). */
function edgeAt(clientX: number, clientY: number): string | null {
  for (const element of document.elementsFromPoint(clientX, clientY)) {
    const edge = element.closest(".react-flow__edge");
    const id = edge?.getAttribute("data-id");
    if (id) return id;
  }
  return null;
}

/** Marks the edge a dragged kind would be inserted into (a class on its element: no store update per drag event). */
function markDropTarget(edgeId: string | null) {
  for (const marked of document.querySelectorAll(".sb-drop-target")) {
    if (marked.getAttribute("data-id") !== edgeId) marked.classList.remove("sb-drop-target");
  }
  if (edgeId) document.querySelector(`.react-flow__edge[data-id="${CSS.escape(edgeId)}"]`)?.classList.add("sb-drop-target");
}

/** A connection dragged from a port and dropped on empty canvas: where, and from which port. */
interface PendingConnection {
  screen: XYPosition;
  flow: XYPosition;
  from: { source: string; sourceHandle: string };
}

/**
 * Pointer events can come several times a frame, and each store update maps every node and wakes every
 * subscriber: drag moves are applied once per animation frame instead (the last position wins), everything else
 * at once. The canvas renders them after the frame (useScheduledSelector), not inside it.
 */
function useFrameBatchedDragMoves(apply: (changes: NodeChange<CanvasNode>[]) => void) {
  const pending = useRef<NodeChange<CanvasNode>[]>([]);
  const frame = useRef(0);
  const flush = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    const changes = pending.current;
    pending.current = [];
    if (changes.length > 0) apply(changes);
  }, [apply]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  return useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      if (!changes.every((change) => change.type === "position" && change.dragging === true)) {
        flush();
        apply(changes);
        return;
      }
      pending.current.push(...changes);
      if (frame.current === 0) frame.current = requestAnimationFrame(flush);
    },
    [apply, flush],
  );
}

/**
 * Whether the minimap may show: from when the loaded nodes have been measured and the browser is idle. It draws
 * every node once more, which a large flow's first paint need not wait for.
 */
function useShownWhenSettled(): boolean {
  const settled = useFlowSettled();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (shown || !settled) return;
    return whenIdle(() => setShown(true));
  }, [settled, shown]);
  return shown;
}

/** The React Flow canvas bound to the document store; `defaultViewport` is read when it mounts. */
export function FlowCanvas({ defaultViewport, view }: { defaultViewport?: Viewport; view: FlowView }) {
  const nodes = useScheduledSelector(useDocumentStore, selectNodes);
  const edges = useScheduledSelector(useDocumentStore, selectEdges);
  const onNodesChange = useDocumentStore((state) => state.onNodesChange);
  const onEdgesChange = useDocumentStore((state) => state.onEdgesChange);
  const onConnect = useDocumentStore((state) => state.connect);
  const addNode = useDocumentStore((state) => state.addNode);
  const readOnly = useDocumentStore((state) => state.readOnly);
  const setSelection = useUiStore((state) => state.setSelection);
  const { screenToFlowPosition } = useReactFlow<CanvasNode, CanvasEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState<PendingConnection | null>(null);
  const tabOrder = useCanvasTabOrder();
  const onNodesChangeBatched = useFrameBatchedDragMoves(onNodesChange);
  // One subscription for the whole canvas (not one per node): a class and a context switch every node's level of detail.
  const compact = useStore(zoomedOut);
  const miniMapShown = useShownWhenSettled();

  const isValidConnection = useCallback((connection: Connection | Edge) => {
    const state = useDocumentStore.getState();
    return connectionProblem(connection, state.nodes, state.edges) === null;
  }, []);

  const onSelectionChange = useCallback(
    ({ nodes: selectedNodes, edges: selectedEdges }: OnSelectionChangeParams<CanvasNode, CanvasEdge>) =>
      setSelection(
        selectedNodes.map((node) => node.id),
        selectedEdges.map((edge) => edge.id),
      ),
    [setSelection],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    markDropTarget(edgeAt(event.clientX, event.clientY));
  }, []);

  const onDragLeave = useCallback(() => markDropTarget(null), []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      markDropTarget(null);
      const kind = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!isNodeKind(kind)) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // Drop the node's header under the pointer rather than its top-left corner.
      const at = { x: position.x - 60, y: position.y - 16 };
      // Dropped on an edge: inserted into it (when the kind can go there), else simply added.
      const edgeId = edgeAt(event.clientX, event.clientY);
      if (edgeId && useDocumentStore.getState().insertNodeOnEdge(kind, at, edgeId)) return;
      addNode(kind, at);
    },
    [addNode, screenToFlowPosition],
  );

  // An unconnected node dragged onto an edge is wired into it.
  const onNodeDragStop: OnNodeDrag<CanvasNode> = useCallback((event, node) => {
    const point = "changedTouches" in event ? event.changedTouches[0] : event;
    const edgeId = point ? edgeAt(point.clientX, point.clientY) : null;
    if (edgeId) useDocumentStore.getState().spliceNodeIntoEdge(node.id, edgeId);
  }, []);

  const onConnectEnd: OnConnectEnd = useCallback(
    (event, connection) => {
      // Dropped on empty canvas (not on a node or port): offer the kinds to add there, wired from the port.
      if (connection.isValid || connection.toNode || !connection.fromNode || !connection.fromHandle?.id) return;
      if (connection.fromHandle.type !== "source") return;
      const from = { source: connection.fromNode.id, sourceHandle: connection.fromHandle.id };
      // A port that is already connected takes no second edge: nothing to offer.
      if (useDocumentStore.getState().edges.some((edge) => edge.source === from.source && edge.sourceHandle === from.sourceHandle)) return;
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      const box = wrapper.current?.getBoundingClientRect();
      if (!point || !box) return;
      setPending({
        screen: { x: point.clientX - box.left, y: point.clientY - box.top },
        flow: screenToFlowPosition({ x: point.clientX, y: point.clientY }),
        from,
      });
    },
    [screenToFlowPosition],
  );

  // Stable: React Flow copies every changed prop into its store, and each copy calls all of that store's subscribers
  // (about six thousand on a 1,000-node flow), so an inline function here doubled the script of every drag frame.
  const onMoveStart: OnMoveStart = useCallback(
    (event) => {
      if (event) view.movedByPerson();
    },
    [view],
  );

  const closePicker = useCallback(() => setPending(null), []);
  const pick = useCallback(
    (kind: NodeKind) => {
      if (!pending) return;
      setPending(null);
      view.keepInView(addNode(kind, { x: pending.flow.x, y: pending.flow.y - 40 }, pending.from));
    },
    [addNode, pending, view],
  );

  return (
    <NodeDetailContext.Provider value={!compact}>
      <ReactFlow<CanvasNode, CanvasEdge>
        ref={wrapper}
        data-testid="canvas"
        aria-label="Flow canvas"
        onKeyDownCapture={tabOrder.onKeyDownCapture}
        onFocusCapture={tabOrder.onFocusCapture}
        className={compact ? "sb-compact" : undefined}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChangeBatched}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onNodeDragStop={onNodeDragStop}
        onMoveStart={onMoveStart}
        isValidConnection={isValidConnection}
        onSelectionChange={onSelectionChange}
        onPointerDown={capturePointerOnNode}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        deleteKeyCode={null}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        multiSelectionKeyCode={multiSelectionKeys}
        defaultEdgeOptions={defaultEdgeOptions}
        colorMode="system"
        minZoom={FIT_OPTIONS.minZoom}
        defaultViewport={defaultViewport}
      >
        {/* Zoomed far out the dot grid is a dense haze that costs a repaint on every drag frame. */}
        {!compact && <Background gap={20} />}
        {miniMapShown && <FlowMiniMap />}
        <Controls fitViewOptions={FIT_OPTIONS} onFitView={() => view.fit({ duration: 300 })} />
        <PeerOverlay />
      </ReactFlow>
      {pending && <KindPicker x={pending.screen.x} y={pending.screen.y} onPick={pick} onClose={closePicker} />}
    </NodeDetailContext.Provider>
  );
}
