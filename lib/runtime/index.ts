export { compileFlow, InvalidFlowError, type CompiledFlow, type CompiledNode } from "./compile-flow";
export { listenHintsOf, type ListenHints } from "./listen-hints";
export { voicePlanOf, type FlowVoicePlan, type SayVoice } from "./voice-plan";
export { NodeExecutionError, SessionClosedError } from "./errors";
export { flowHandler, type FlowHandlerOptions } from "./flow-handler";
export type { Call, Handler, Heard } from "./handler";
export { END_REASONS, EndStream, reply, trace, type HandlerOutput, type Reply, type Trace, type TraceEvent } from "./outputs";
export type { Delivery, DeliveryOutcome, Playout, PlayoutResult, ReplyDelivered } from "./playout";
export { systemClock, type Clock } from "./clock";
export { Session, type SessionOptions, type SessionState } from "./session";
export {
  InputRejectedError,
  type CallerEvent,
  type InputRejection,
  type PartialTranscript,
  type SessionInput,
  type SpeechEnded,
  type SpeechStarted,
  type Utterance,
} from "./session-input";
export {
  RuntimeEvents,
  type SessionEvent,
  type SessionEventBody,
  type SessionEventListener,
  type SessionMeta,
  type SessionSource,
} from "./session-events";
export { SessionRegistry } from "./session-registry";
export {
  SessionOpenError,
  SessionRunner,
  type AdmittedSession,
  type HostedSession,
  type OpenedSession,
  type SessionCredentials,
  type SessionLimits,
  type SessionOpener,
  type SessionRunnerOptions,
} from "./session-runner";
export type { SessionEndInfo, SessionTransport } from "./transport";
