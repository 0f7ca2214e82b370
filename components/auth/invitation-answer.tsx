"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { teamApi } from "@/lib/client/team-api";
import { AuthProblem, submitClass } from "./auth-card";

/** Join (then the workspace's flows), or say plainly why not; and who is signed in, in case it is the wrong account. */
export function InvitationAnswer({ token, workspaceId, signedInAs }: { token: string; workspaceId: string; signedInAs: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      <AuthProblem message={problem} />
      <button
        type="button"
        className={submitClass}
        disabled={busy}
        data-testid="accept-invitation"
        onClick={async () => {
          setBusy(true);
          setProblem(null);
          try {
            await teamApi.accept({ token });
            router.push(`/?workspace=${encodeURIComponent(workspaceId)}`);
          } catch (error) {
            setBusy(false);
            setProblem(error instanceof Error ? error.message : String(error));
          }
        }}
      >
        {busy && <Loader2 size={15} className="animate-spin" aria-hidden />} Join workspace
      </button>
      <p className="text-center text-xs text-zinc-500">Signed in as {signedInAs}</p>
    </div>
  );
}
