import { Workflow } from "lucide-react";
import type { ReactNode } from "react";

/** The frame of the sign-in and sign-up pages: the product's name, a title, a line of explanation, the form. */
export function AuthCard({ title, lead, children }: { title: string; lead: ReactNode; children: ReactNode }) {
  return (
    <main className="flex flex-1 items-center justify-center px-6 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-2">
          <Workflow className="text-sky-600" size={28} aria-hidden />
          <span className="text-xl font-semibold tracking-tight">Switchboard</span>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{lead}</p>
        <div className="mt-6">{children}</div>
      </div>
    </main>
  );
}

export const fieldClass = "mt-1 w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950";
export const submitClass =
  "flex w-full items-center justify-center gap-1.5 rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60";

/** A failed attempt, said plainly and announced to screen readers. */
export function AuthProblem({ message }: { message: string | null }) {
  if (message === null) return null;
  return (
    <p
      role="alert"
      data-testid="auth-problem"
      className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      {message}
    </p>
  );
}
