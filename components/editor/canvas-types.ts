import type { Edge, Node } from "@xyflow/react";
import type { FlowNode, NodeKind } from "@/lib/flow";
import type { BranchData, EndData, ListenData, SayData, SetData, StartData } from "@/lib/flow/nodes";

/**
 * Canvas nodes: one React Flow node type per flow node kind. Named `...CanvasNode` because lib/flow's
 * `FlowNode` is the stored node; these are its on-canvas twins.
 */
export type StartCanvasNode = Node<StartData, "start">;
export type ListenCanvasNode = Node<ListenData, "listen">;
export type BranchCanvasNode = Node<BranchData, "branch">;
export type SayCanvasNode = Node<SayData, "say">;
export type SetCanvasNode = Node<SetData, "set">;
export type EndCanvasNode = Node<EndData, "end">;

/** Every node the canvas can show. */
export type CanvasNode = StartCanvasNode | ListenCanvasNode | BranchCanvasNode | SayCanvasNode | SetCanvasNode | EndCanvasNode;

/** The canvas node of a given kind. */
export type CanvasNodeOf<Kind extends NodeKind> = Extract<CanvasNode, { type: Kind }>;

/** Data of a stored node of a given kind. */
export type NodeDataOf<Kind extends NodeKind> = Extract<FlowNode, { kind: Kind }>["data"];

/** An edge leaves a node through a port (its `sourceHandle`) and enters the target's single input. */
export type CanvasEdge = Edge<Record<string, never>, "flow">;
