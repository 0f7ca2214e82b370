/** A node failed while running; carries the node id so the canvas can mark it. */
export class NodeExecutionError extends Error {
  constructor(
    readonly nodeId: string,
    message: string,
  ) {
    super(message);
    this.name = "NodeExecutionError";
  }
}

/**
 * Thrown into a handler's pending (or next) `listen`, `deliver` or `turnSettled` when the caller went on with the
 * turn its last utterance was answered on (`utterance.retracted`, see turn-settling.ts): the handler goes back to the
 * listen that heard it, as it was then, and hears the whole turn. A flow does; a handler that cannot ends with an error.
 */
export class TurnRetractedError extends Error {
  constructor() {
    super("The caller went on with the turn that was answered");
    this.name = "TurnRetractedError";
  }
}

/** Thrown into a handler's pending `listen` when the session ends underneath it. */
export class SessionClosedError extends Error {
  constructor(readonly reason: string) {
    super(`The session ended (${reason})`);
    this.name = "SessionClosedError";
  }
}
