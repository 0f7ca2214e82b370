"use client";

import { Loader2 } from "lucide-react";
import Link from "next/link";
import { authClient } from "@/lib/client/auth-client";
import { AuthProblem, fieldClass, submitClass } from "./auth-card";
import { useAccountSubmit } from "./use-account-submit";

/** Email and password; on success the page the person was sent here from (`next`, already checked to be ours). */
export function SignInForm({ next }: { next: string }) {
  const { busy, problem, onSubmit } = useAccountSubmit(
    (form, fetchOptions) =>
      authClient.signIn.email({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), fetchOptions }),
    next,
  );

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="sign-in-form">
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" autoComplete="email" required autoFocus className={fieldClass} />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={fieldClass} />
      </label>
      <AuthProblem message={problem} />
      <button type="submit" className={submitClass} disabled={busy}>
        {busy && <Loader2 size={15} className="animate-spin" aria-hidden />} Sign in
      </button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        No account yet?{" "}
        <Link
          className="font-medium text-sky-700 hover:underline"
          href={next === "/" ? "/sign-up" : `/sign-up?next=${encodeURIComponent(next)}`}
        >
          Create one
        </Link>
      </p>
    </form>
  );
}
