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

/** Why a share link opens nothing (docs/api.md "Share links"): each is answered with its own code. */
export type ShareLinkProblem =
  /** No link has this secret, or the flow it shared has been removed. */
  | "share_link_not_found"
  /** Its flow's owners or editors revoked it. */
  | "share_link_revoked";

export class ShareLinkError extends Error {
  constructor(
    readonly code: ShareLinkProblem,
    message: string,
  ) {
    super(message);
    this.name = "ShareLinkError";
  }
}
