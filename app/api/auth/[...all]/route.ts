import { accounts } from "@/lib/auth/accounts";

/**
 * Sign-up, sign-in, sign-out and the signed-in session (better-auth's endpoints under /api/auth, docs/api.md
 * "Accounts"). The only API routes that do not ask who is calling first: they are how a caller becomes someone.
 */
async function handle(request: Request): Promise<Response> {
  return (await accounts()).handler(request);
}

export const GET = handle;
export const POST = handle;
