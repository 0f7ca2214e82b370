import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { InvitationAnswer } from "@/components/auth/invitation-answer";
import { pageUser } from "@/lib/auth/page-user";
import { database } from "@/lib/db/database";
import { InvitationError } from "@/lib/workspaces/invitation-errors";
import { previewInvitation } from "@/lib/workspaces/invitations";
import { invitationPath } from "@/lib/workspaces/invitation-link";

export const metadata: Metadata = { title: "Invitation · Switchboard" };

/** An invitation link: whoever opens it signs in (or up) first, then sees what they are invited to and joins. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await pageUser(invitationPath(token));
  const invitation = await previewInvitation(await database(), { token }, user).catch((error: unknown) => {
    if (error instanceof InvitationError) return error;
    throw error;
  });
  if (invitation instanceof InvitationError) {
    return (
      <AuthCard title="This invitation cannot be used" lead={invitation.message}>
        <Link className="text-sm font-medium text-sky-700 hover:underline" href="/">
          Go to your flows
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={`Join ${invitation.workspaceName}`}
      lead={`${invitation.invitedBy ?? "A member"} invited you to work on its flows as ${article(invitation.role)} ${invitation.role}.`}
    >
      <InvitationAnswer token={token} workspaceId={invitation.workspaceId} signedInAs={user.email} />
    </AuthCard>
  );
}

function article(role: string): string {
  return /^[aeiou]/.test(role) ? "an" : "a";
}
