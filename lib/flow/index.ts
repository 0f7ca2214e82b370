export * from "./schema";
export * from "./issues";
export * from "./ports";
export * from "./validate";
export { nodeKinds, nodeKindNames, type NodeKind } from "./nodes";
export type { NodeKindDescription, PortDescription, InspectorField } from "./node-kind";
