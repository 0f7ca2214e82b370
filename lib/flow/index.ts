export * from "./schema";
export * from "./issues";
export * from "./ports";
export * from "./validate";
export { flowNameSchema, flowText, storableText, unstorableTextReason } from "./text";
export { nodeKinds, nodeKindNames, type NodeKind } from "./nodes";
export type { NodeKindDescription, PortDescription, InspectorField } from "./node-kind";
