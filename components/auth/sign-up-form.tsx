"use client";

import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { accountProblem, authClient } from "@/lib/client/auth-client";
import { AuthProblem, fieldClass, submitClass } from "./auth-card";

/** Name, email and a password of at least 8 characters; signs the new account in and goes on to `next`. */
export function SignUpForm({ next, first }: { next: string; first: boolean }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // onSubmit, not a form action: React resets a form after its action, and a mistyped password must not cost the email.
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setProblem(null);
    let retryAfter: number | undefined;
    const { error } = await authClient.signUp.email({
      name: String(form.get("name") ?? "").trim(),
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
    window.location.assign(next);
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4" data-testid="sign-up-form">
      <label className="block text-sm font-medium">
        Your name
        <input name="name" autoComplete="name" required maxLength={100} autoFocus className={fieldClass} />
      </label>
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" autoComplete="email" required className={fieldClass} />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={128} className={fieldClass} />
        <span className="mt-1 block text-xs font-normal text-zinc-500">At least 8 characters.</span>
      </label>
      <AuthProblem message={problem} />
      <button type="submit" className={submitClass} disabled={busy}>
        {busy && <Loader2 size={15} className="animate-spin" aria-hidden />}{" "}
        {first ? "Create account and open Switchboard" : "Create account"}
      </button>
      {!first && (
        <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
          Already have an account?{" "}
          <Link
            className="font-medium text-sky-700 hover:underline"
            href={next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`}
          >
            Sign in
          </Link>
        </p>
      )}
    </form>
  );
}
