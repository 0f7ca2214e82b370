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

/** Thrown into a handler's pending `listen` when the session ends underneath it. */
export class SessionClosedError extends Error {
  constructor(readonly reason: string) {
    super(`The session ended (${reason})`);
    this.name = "SessionClosedError";
  }
}
