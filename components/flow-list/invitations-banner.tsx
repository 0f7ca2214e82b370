"use client";

import { Loader2, Mail } from "lucide-react";
import { useEffect, useState } from "react";
import { teamApi, type InvitationPreview } from "@/lib/client/team-api";

/** Invitations by email waiting for the signed-in person, each with Join; nothing at all when there are none. */
export function InvitationsBanner({ onJoined }: { onJoined: (workspaceId: string) => void }) {
  const [invitations, setInvitations] = useState<InvitationPreview[]>([]);
  const [joining, setJoining] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ invitationId: string; message: string } | null>(null);

  useEffect(() => {
    // Asked once when the list opens; a failure here only hides the banner (the list says what is wrong with the API).
    teamApi.mine().then(setInvitations, () => undefined);
  }, []);

  if (invitations.length === 0) return null;
  return (
    <ul data-testid="invitations-banner" className="space-y-2">
      {invitations.map((invitation) => (
        <li
          key={invitation.id}
          className="flex items-center gap-3 rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm dark:border-sky-900 dark:bg-sky-950"
        >
          <Mail size={16} className="shrink-0 text-sky-700" aria-hidden />
          <span className="min-w-0 flex-1">
            {invitation.invitedBy ?? "Someone"} invited you to <strong>{invitation.workspaceName}</strong> as {invitation.role}.
            {problem?.invitationId === invitation.id && (
              <span role="alert" className="block text-red-700 dark:text-red-300">
                {problem.message}
              </span>
            )}
          </span>
          <button
            type="button"
            data-testid="join-invited-workspace"
            disabled={joining !== null}
            className="flex shrink-0 items-center gap-1.5 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
            onClick={async () => {
              setJoining(invitation.id);
              setProblem(null);
              try {
                const joined = await teamApi.accept({ invitationId: invitation.id });
                setInvitations((all) => all.filter((other) => other.id !== invitation.id));
                setJoining(null);
                onJoined(joined.workspaceId);
              } catch (error) {
                setProblem({ invitationId: invitation.id, message: error instanceof Error ? error.message : String(error) });
                setJoining(null);
              }
            }}
          >
            {joining === invitation.id && <Loader2 size={15} className="animate-spin" aria-hidden />} Join
          </button>
        </li>
      ))}
    </ul>
  );
}
