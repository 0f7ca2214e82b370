import { randomUUID } from "node:crypto";
import { accounts } from "../auth/accounts";

/** The password every test account has (long enough for the sign-up rules). */
export const TEST_PASSWORD = "correct horse battery staple";

/** A test's signed-in user: who they are, and the Cookie header a browser of theirs would send. */
export interface SignedIn {
  user: { id: string; name: string; email: string };
  cookie: string;
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie request header. */
export function cookieHeaderFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .filter(Boolean)
    .join("; ");
}

/**
 * Signs up a new account on the database in use (lib/db/database.ts) through better-auth, as the sign-up form does.
 * The first account of a database inherits the placeholder user's workspace (lib/auth/first-account.ts).
 */
export async function signUpForTest(options: { name?: string; email?: string } = {}): Promise<SignedIn> {
  const auth = await accounts();
  const email = options.email ?? `tester-${randomUUID()}@example.com`;
  const { headers, response } = await auth.api.signUpEmail({
    body: { name: options.name ?? "Test user", email, password: TEST_PASSWORD },
    // better-auth works out its own address from the Host header, as it does for a browser's request.
    headers: new Headers({ host: "localhost" }),
    returnHeaders: true,
  });
  return { user: { id: response.user.id, name: response.user.name, email: response.user.email }, cookie: cookieHeaderFrom(headers) };
}

/**
 * Signs up a new account through a running server's /api/auth/sign-up/email, as a script would (docs/api.md,
 * "Accounts"), and returns the cookie its later requests carry.
 */
export async function signUpOverHttp(serverUrl: string, options: { name?: string; email?: string } = {}): Promise<SignedIn> {
  const email = options.email ?? `tester-${randomUUID()}@example.com`;
  const response = await fetch(`${serverUrl}/api/auth/sign-up/email`, {
    method: "POST",
    // Node's fetch sends `Sec-Fetch-Mode: cors`, and better-auth then wants the page's Origin, as from a browser (outside
    // NODE_ENV=test, where it checks none): the benchmarks' servers run in production mode.
    headers: { "content-type": "application/json", origin: new URL(serverUrl).origin },
    body: JSON.stringify({ name: options.name ?? "Test user", email, password: TEST_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { user: SignedIn["user"] };
  return { user: { id: body.user.id, name: body.user.name, email: body.user.email }, cookie: cookieHeaderFrom(response.headers) };
}
