/** Why audio was refused: each is a caller's or a client's mistake, answered with a short error, never a crash. */
export type VoiceInputProblem = "odd-length" | "sample-rate" | "language" | "not-wav" | "unsupported-wav" | "closed";

/** Audio or a request the voice engines refuse, with a message meant for the client that sent it. */
export class VoiceInputError extends Error {
  constructor(
    readonly problem: VoiceInputProblem,
    message: string,
  ) {
    super(message);
    this.name = "VoiceInputError";
  }
}

/** An engine pool's queue is full: the caller should retry later or shed the call, never wait unboundedly. */
export class EngineBusyError extends Error {
  readonly code = "ENGINE_BUSY";
  constructor(engine: string, pending: number, limit: number) {
    super(`${engine} is busy: ${pending} requests queued, the limit is ${limit}; try again later`);
    this.name = "EngineBusyError";
  }
}
