"use client";

import { LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/lib/client/auth-client";

/** Who is signed in, and Sign out (which ends this browser's session on the server too). */
export function AccountMenu({ user }: { user: { name: string; email: string } }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const initials = user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join("");
  return (
    <div className="flex items-center gap-2" data-testid="account-menu">
      <span
        className="flex size-8 shrink-0 items-center justify-center rounded-full bg-sky-100 text-xs font-semibold text-sky-800 dark:bg-sky-900 dark:text-sky-100"
        title={`${user.name} (${user.email})`}
        aria-hidden
      >
        {initials || "?"}
      </span>
      <span className="sr-only">Signed in as {user.name}</span>
      <button
        type="button"
        data-testid="sign-out"
        disabled={busy}
        title={`Sign out ${user.email}`}
        className="flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded-md px-2 py-1.5 text-sm text-zinc-600 hover:bg-zinc-100 disabled:opacity-60 dark:text-zinc-400 dark:hover:bg-zinc-900"
        onClick={async () => {
          setBusy(true);
          await authClient.signOut();
          router.replace("/sign-in");
          // Server-rendered parts read the (now missing) cookie again.
          router.refresh();
        }}
      >
        <LogOut size={15} aria-hidden /> Sign out
      </button>
    </div>
  );
}
