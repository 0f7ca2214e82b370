/** A change that would break a workspace's rules: it keeps at least one owner, and a personal workspace keeps its person. */
export class WorkspaceRuleError extends Error {
  constructor(
    readonly code: "last_owner" | "personal_workspace",
    message: string,
  ) {
    super(message);
    this.name = "WorkspaceRuleError";
  }
}

/** No such member in the workspace. */
export class MemberNotFoundError extends Error {
  constructor(readonly userId: string) {
    super(`No member ${userId}`);
    this.name = "MemberNotFoundError";
  }
}
