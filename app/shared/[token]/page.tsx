import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { FlowEditor } from "@/components/editor/flow-editor";
import { pageUser } from "@/lib/auth/page-user";
import { database } from "@/lib/db/database";
import { ShareLinkError } from "@/lib/flows/flow-errors";
import { sharedFlowPath } from "@/lib/flows/share-link-path";
import { openShareLink } from "@/lib/flows/share-links";
import { unstorableTextReason } from "@/lib/flow/text";

export const metadata: Metadata = { title: "Shared flow · Switchboard" };

const TITLES: Record<ShareLinkError["code"], string> = {
  share_link_not_found: "This link does not open a flow",
  share_link_revoked: "This link has been turned off",
};

/**
 * A flow's share link: whoever opens it signs in (or up) first, then sees the flow's canvas read-only, in the editor
 * without its tools. A link that opens nothing says why, in words for the person holding it.
 */
export default async function SharedFlowPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await pageUser(sharedFlowPath(token));
  // Checked here too, so that a dead link gets this page rather than the editor's error; the editor then loads the flow
  // by the same secret. A secret the database could not even store names nothing.
  const problem =
    unstorableTextReason(token) === undefined
      ? await openShareLink(await database(), token).then(
          () => null,
          (error: unknown) => {
            if (error instanceof ShareLinkError) return error;
            throw error;
          },
        )
      : new ShareLinkError("share_link_not_found", "There is no such share link. Check the link, or ask for a new one.");
  if (problem) {
    return (
      <AuthCard title={TITLES[problem.code]} lead={problem.message}>
        <div data-testid="shared-link-problem" data-code={problem.code}>
          <Link className="text-sm font-medium text-sky-700 hover:underline" href="/">
            Go to your flows
          </Link>
        </div>
      </AuthCard>
    );
  }
  return <FlowEditor source={{ kind: "share-link", key: token }} />;
}
