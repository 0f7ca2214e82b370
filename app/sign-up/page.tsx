import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { signedInUser } from "@/lib/auth/accounts";
import { hasAccounts } from "@/lib/auth/first-account";
import { safeNextPath } from "@/lib/auth/next-path";
import { database } from "@/lib/db/database";

export const metadata: Metadata = { title: "Create an account · Switchboard" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  if (await signedInUser(await headers())) redirect(next);
  const first = !(await hasAccounts(await database()));
  return first ? (
    <AuthCard
      title="Welcome to Switchboard"
      lead="Create the first account of this installation. It gets the sample flow to start from, and you can invite your team later."
    >
      <SignUpForm next={next} first />
    </AuthCard>
  ) : (
    <AuthCard
      title="Create an account"
      lead={
        next.startsWith("/invite/")
          ? "Make your account, then accept the invitation. You also get a personal workspace of your own."
          : "Your account gets a personal workspace; teammates can add you to theirs."
      }
    >
      <SignUpForm next={next} first={false} />
    </AuthCard>
  );
}
