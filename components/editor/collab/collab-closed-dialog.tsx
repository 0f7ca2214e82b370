"use client";

import Link from "next/link";
import { usePresenceStore } from "./presence-store";

const TITLES: Record<string, string> = {
  access_revoked: "You no longer have access to this flow",
  flow_deleted: "This flow was deleted",
  flow_not_found: "This flow is not shared with you",
  unauthenticated: "You are signed out",
};

/** When the server closes the flow for this person (removed from the workspace, the flow deleted): what happened, and a way out. */
export function CollabClosedDialog() {
  const closed = usePresenceStore((state) => state.closed);
  if (!closed || !(closed.code in TITLES)) return null;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-zinc-950/40 p-4" data-testid="collab-closed">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="collab-closed-title"
        className="w-full max-w-sm rounded-xl bg-white p-5 shadow-xl dark:bg-zinc-900"
      >
        <h2 id="collab-closed-title" className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
          {TITLES[closed.code]}
        </h2>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          {closed.code === "access_revoked"
            ? "An owner of its workspace removed you or changed your role. Nothing you did before that is lost."
            : closed.code === "unauthenticated"
              ? "Sign in again to keep working on this flow."
              : closed.message}
        </p>
        <div className="mt-4 flex justify-end">
          <Link
            href={closed.code === "unauthenticated" ? "/sign-in" : "/"}
            autoFocus
            className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
          >
            {closed.code === "unauthenticated" ? "Sign in" : "Back to all flows"}
          </Link>
        </div>
      </div>
    </div>
  );
}
