export * from "./schema";
export * from "./issues";
export * from "./ports";
export * from "./validate";
export { flowNameSchema, storableText, unstorableTextReason } from "./text";
export { nodeKinds, nodeKindNames, type NodeKind } from "./nodes";
export type { NodeKindDescription, PortDescription, InspectorField } from "./node-kind";
export { nodeDisplayName } from "./node-names";
export { unsetVariableIssues, variablesOnArrival, variablesSetInFlow } from "./variable-flow";
