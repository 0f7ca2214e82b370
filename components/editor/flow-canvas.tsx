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
  type OnSelectionChangeParams,
  type ReactFlowState,
  type Viewport,
} from "@xyflow/react";
import { useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import { nodeKindNames, type NodeKind } from "@/lib/flow";
import type { CanvasEdge, CanvasNode } from "./canvas-types";
import { connectionProblem } from "./connection-rules";
import { useDocumentStore, type DocumentState } from "./document-store";
import { edgeTypes } from "./flow-edge-view";
import { FlowMiniMap } from "./flow-minimap";
import { capturePointerOnNode } from "./node-pointer-capture";
import { NodeDetailContext } from "./nodes/node-detail";
import { nodeTypes } from "./nodes/node-types";
import { FIT_OPTIONS } from "./initial-viewport";
import { PALETTE_DRAG_TYPE } from "./palette";
import { useUiStore } from "./ui-store";
import { useFlowSettled } from "./use-flow-settled";
import { useScheduledSelector } from "./use-scheduled-selector";
import { whenIdle } from "./when-idle";
import "./flow-canvas.css";

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
export function FlowCanvas({ defaultViewport }: { defaultViewport?: Viewport }) {
  const nodes = useScheduledSelector(useDocumentStore, selectNodes);
  const edges = useScheduledSelector(useDocumentStore, selectEdges);
  const onNodesChange = useDocumentStore((state) => state.onNodesChange);
  const onEdgesChange = useDocumentStore((state) => state.onEdgesChange);
  const onConnect = useDocumentStore((state) => state.connect);
  const addNode = useDocumentStore((state) => state.addNode);
  const setSelection = useUiStore((state) => state.setSelection);
  const { screenToFlowPosition } = useReactFlow<CanvasNode, CanvasEdge>();
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
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!isNodeKind(kind)) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // Drop the node's header under the pointer rather than its top-left corner.
      addNode(kind, { x: position.x - 60, y: position.y - 16 });
    },
    [addNode, screenToFlowPosition],
  );

  return (
    <NodeDetailContext.Provider value={!compact}>
      <ReactFlow<CanvasNode, CanvasEdge>
        data-testid="canvas"
        className={compact ? "sb-compact" : undefined}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChangeBatched}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onSelectionChange={onSelectionChange}
        onPointerDown={capturePointerOnNode}
        onDragOver={onDragOver}
        onDrop={onDrop}
        deleteKeyCode={null}
        multiSelectionKeyCode={multiSelectionKeys}
        defaultEdgeOptions={defaultEdgeOptions}
        colorMode="system"
        minZoom={FIT_OPTIONS.minZoom}
        defaultViewport={defaultViewport}
      >
        {/* Zoomed far out the dot grid is a dense haze that costs a repaint on every drag frame. */}
        {!compact && <Background gap={20} />}
        {miniMapShown && <FlowMiniMap />}
        <Controls />
      </ReactFlow>
    </NodeDetailContext.Provider>
  );
}
