"use client";

import { Loader2 } from "lucide-react";
import Link from "next/link";
import { authClient } from "@/lib/client/auth-client";
import { AuthProblem, fieldClass, submitClass } from "./auth-card";
import { useAccountSubmit } from "./use-account-submit";

/** Name, email and a password of at least 8 characters; signs the new account in and goes on to `next`. */
export function SignUpForm({ next, first }: { next: string; first: boolean }) {
  const { busy, problem, onSubmit } = useAccountSubmit(
    (form, fetchOptions) =>
      authClient.signUp.email({
        name: String(form.get("name") ?? "").trim(),
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        fetchOptions,
      }),
    next,
  );

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="sign-up-form">
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
