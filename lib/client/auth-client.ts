import { createAuthClient } from "better-auth/react";

/** better-auth's browser client for this site's /api/auth (sign-up, sign-in, sign-out). */
export const authClient = createAuthClient();

/** A person's words for a failed sign-in or sign-up, from better-auth's answer. */
export function accountProblem(error: { status: number; message?: string; code?: string }, retryAfterSeconds?: number): string {
  if (error.status === 429) {
    const wait = retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? ` in ${retryAfterSeconds} seconds` : " in a minute";
    return `Too many attempts from this computer. Try again${wait}.`;
  }
  if (error.code === "INVALID_EMAIL_OR_PASSWORD") return "That email and password do not match an account.";
  if (error.code === "USER_ALREADY_EXISTS" || error.code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL") {
    return "An account with that email already exists. Sign in instead.";
  }
  if (error.code === "INVALID_EMAIL") return "That is not an email address.";
  if (error.code === "PASSWORD_TOO_SHORT") return "Use a password of at least 8 characters.";
  if (error.status === 0) return "The server cannot be reached. Check your connection and try again.";
  return error.message ?? `Something went wrong (the server answered ${error.status}).`;
}
