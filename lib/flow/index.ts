export * from "./schema";
export * from "./issues";
export * from "./ports";
export * from "./validate";
export { flowNameSchema, storableText, unstorableTextReason } from "./text";
export { nodeKinds, nodeKindNames, type NodeKind } from "./nodes";
export type { NodeKindDescription, PortDescription, InspectorField } from "./node-kind";
export { nodeDisplayName } from "./node-names";
export { unsetVariableIssues, variablesOnArrival, variablesSetInFlow } from "./variable-flow";
export {
  DEFAULT_LANGUAGE,
  providerOfVoice,
  SPEECH_TO_TEXT_PROVIDERS,
  TEXT_TO_SPEECH_PROVIDERS,
  VOICE_PROVIDER_NAMES,
  type FlowVoiceSettings,
  type SpeechToTextProviderId,
  type TextToSpeechProviderId,
} from "./voice-settings";
