"use client";

import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { accountProblem, authClient } from "@/lib/client/auth-client";
import { AuthProblem, fieldClass, submitClass } from "./auth-card";

/** Email and password; on success the page the person was sent here from (`next`, already checked to be ours). */
export function SignInForm({ next }: { next: string }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // onSubmit, not a form action: React resets a form after its action, and a mistyped password must not cost the email.
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setProblem(null);
    let retryAfter: number | undefined;
    const { error } = await authClient.signIn.email({
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      fetchOptions: {
        onError: (context) => {
          retryAfter = Number(context.response.headers.get("X-Retry-After") ?? "") || undefined;
        },
      },
    });
    if (error) {
      setBusy(false);
      setProblem(accountProblem(error, retryAfter));
      return;
    }
    // A full load, so every server-rendered part of the next page sees the new cookie.
    window.location.assign(next);
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4" data-testid="sign-in-form">
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
