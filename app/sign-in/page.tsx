import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signedInUser } from "@/lib/auth/accounts";
import { hasAccounts } from "@/lib/auth/first-account";
import { safeNextPath } from "@/lib/auth/next-path";
import { database } from "@/lib/db/database";

export const metadata: Metadata = { title: "Sign in · Switchboard" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  if (await signedInUser(await headers())) redirect(next);
  // A fresh installation has nobody to sign in: its first visitor makes the first account.
  if (!(await hasAccounts(await database()))) redirect(next === "/" ? "/sign-up" : `/sign-up?next=${encodeURIComponent(next)}`);
  return (
    <AuthCard
      title="Sign in"
      lead={
        next.startsWith("/invite/")
          ? "Sign in to accept your invitation. New to Switchboard? Create an account below first."
          : "Welcome back. Sign in to see your team's flows."
      }
    >
      <SignInForm next={next} />
    </AuthCard>
  );
}
