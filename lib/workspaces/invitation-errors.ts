/** Why an invitation cannot be used (docs/api.md "Invitations"): each is answered with its own code. */
export type InvitationProblem =
  /** No invitation has this secret or id (or it is one for someone else, asked for by id). */
  | "invitation_not_found"
  | "invitation_expired"
  | "invitation_revoked"
  /** An invitation by email that its person has accepted already. */
  | "invitation_used"
  /** An invitation by email opened by an account with another address. */
  | "invitation_for_someone_else";

export class InvitationError extends Error {
  constructor(
    readonly code: InvitationProblem,
    message: string,
  ) {
    super(message);
    this.name = "InvitationError";
  }
}
