import { createHmac } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { database, type Database } from "../db/database";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { setUpNewAccount } from "./first-account";
import { publicUrlFromEnv } from "./public-url";
import { signingSecret } from "./secret";

/** The longest a sign-in lasts without use; a day of use renews it. */
const SIGNED_IN_DAYS = 30;

/**
 * Wrong passwords tried from one address: this many a minute. A person who mistypes gets a clear "wait" (the
 * sign-in form shows the seconds), a script guessing passwords gets five tries a minute.
 */
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 5;

function createAccounts(db: Database) {
  const publicUrl = publicUrlFromEnv();
  return betterAuth({
    appName: "Switchboard",
    database: prismaAdapter(db, { provider: "postgresql", transaction: true }),
    // One secret to configure (SWITCHBOARD_SECRET); better-auth signs its cookies with a key derived from it.
    secret: createHmac("sha256", signingSecret()).update("better-auth cookies").digest("base64url"),
    // Behind a proxy, the public address (PUBLIC_URL). Otherwise the request's own: the host guard
    // (lib/http/host-guard.ts) has refused every host the server does not answer for before a request gets here, and
    // the origin guard every cross-site change; better-auth checks the same origin again.
    baseURL: publicUrl ?? { allowedHosts: ["*"], protocol: "http" },
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: { modelName: "authSession", expiresIn: SIGNED_IN_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    rateLimit: {
      enabled: true,
      // In the database, so every app process counts the same attempts.
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: SIGN_IN_ATTEMPTS_PER_MINUTE },
        "/sign-up/email": { window: 60, max: 10 },
      },
    },
    advanced: {
      // Set by the server from the connection itself (lib/http/client-address.ts), never taken from the client.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      cookiePrefix: "switchboard",
      // Secure cookies only where the browser reaches the server over https: a plain-http address (a LAN, curl) would
      // never send them back, and nobody could stay signed in.
      useSecureCookies: publicUrl?.startsWith("https://") ?? false,
    },
    telemetry: { enabled: false },
    // A wrong password is the caller's mistake, answered 401; the server's log keeps real errors only.
    logger: { level: "error" },
    databaseHooks: { user: { create: { after: (user) => setUpNewAccount(db, user) } } },
  });
}

export type Accounts = ReturnType<typeof createAccounts>;

/*
 * Built on first use for the database in use (the database opens lazily; tests switch between databases), and kept
 * on globalThis because the bundled route handlers and the custom server hold separate copies of this module.
 */
const ACCOUNTS_KEY = Symbol.for("switchboard.accounts");
type Holder = { [ACCOUNTS_KEY]?: { db: Database; accounts: Accounts } };

/** The accounts service (better-auth): sign-up, sign-in, sign-out and who a request's cookie belongs to. */
export async function accounts(given?: Database): Promise<Accounts> {
  const db = given ?? (await database());
  const holder = globalThis as Holder;
  const built = holder[ACCOUNTS_KEY];
  if (built?.db === db) return built.accounts;
  const fresh = createAccounts(db);
  holder[ACCOUNTS_KEY] = { db, accounts: fresh };
  return fresh;
}

/**
 * The signed-in user a request's cookie names, or null (no cookie, a forged or expired one, a signed-out session).
 * `url` is the request's address, whose host stands in for a missing Host header (a Request made in code has none);
 * `db` the database to look in, where it is not the process's own (the main thread's server, in tests).
 */
export async function signedInUser(
  headers: Headers,
  url?: string,
  db?: Database,
): Promise<{ id: string; name: string; email: string } | null> {
  let asked = headers;
  if (!headers.has("host") && url !== undefined) {
    asked = new Headers(headers);
    asked.set("host", new URL(url).host);
  }
  const session = await (await accounts(db)).api.getSession({ headers: asked });
  return session ? { id: session.user.id, name: session.user.name, email: session.user.email } : null;
}
