import { ApiError } from "../http/api-error";
import { signedInUser } from "./accounts";

/** Who is calling. */
export interface CurrentUser {
  id: string;
  name: string;
  email: string;
}

/**
 * The signed-in user a request is made by (its session cookie, read by better-auth: lib/auth/accounts.ts). Every API
 * route asks this first; without a valid cookie the answer is 401 `unauthenticated` (docs/api.md).
 */
export async function currentUser(request: Request): Promise<CurrentUser> {
  const user = await signedInUser(request.headers, request.url);
  if (!user) throw new ApiError(401, "unauthenticated", "Sign in first: this needs a Switchboard account (POST /api/auth/sign-in/email)");
  return user;
}
