"use client";

import { useState, type FormEvent } from "react";
import { accountProblem } from "@/lib/client/auth-client";

/** How better-auth's client calls back on a failed answer: the response, whose X-Retry-After a 429 carries. */
type FetchOptions = { onError: (context: { response: Response }) => void };
type Attempt = (
  form: FormData,
  fetchOptions: FetchOptions,
) => Promise<{ error: { status: number; message?: string; code?: string } | null }>;

/**
 * The submit of the sign-in and sign-up forms: busy while the answer is out, the problem in a person's words (with the
 * seconds to wait when rate-limited), and on success a full load of `next`, so that every server-rendered part of it
 * sees the new cookie. onSubmit, not a form action: React resets a form after its action, and a mistyped password
 * must not cost the email.
 */
export function useAccountSubmit(attempt: Attempt, next: string) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setProblem(null);
    let retryAfter: number | undefined;
    const { error } = await attempt(form, {
      onError: (context) => {
        retryAfter = Number(context.response.headers.get("X-Retry-After") ?? "") || undefined;
      },
    });
    if (error) {
      setBusy(false);
      setProblem(accountProblem(error, retryAfter));
      return;
    }
    window.location.assign(next);
  };
  return { busy, problem, onSubmit: (event: FormEvent<HTMLFormElement>) => void submit(event) };
}
