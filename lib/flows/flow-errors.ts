import type { FlowIssue } from "../flow/issues";
import type { FlowRecord } from "./flow-record";

/** The flow (or version) does not exist in this workspace. */
export class FlowNotFoundError extends Error {
  constructor(readonly flowId: string) {
    super(`No flow ${flowId}`);
    this.name = "FlowNotFoundError";
  }
}

/** Someone saved a newer revision than the one the change was based on. Carries the flow as it now is. */
export class RevisionConflictError extends Error {
  constructor(
    readonly expectedRevision: number,
    readonly current: FlowRecord,
  ) {
    super(`Someone saved a newer revision (${current.revision})`);
    this.name = "RevisionConflictError";
  }
}

/** A graph or document was refused; issues are addressed with JSON pointers. */
export class InvalidFlowError extends Error {
  constructor(
    message: string,
    readonly issues: FlowIssue[],
  ) {
    super(message);
    this.name = "InvalidFlowError";
  }
}

export class UnknownTemplateError extends Error {
  constructor(readonly templateId: string) {
    super(`No template ${templateId}`);
    this.name = "UnknownTemplateError";
  }
}
