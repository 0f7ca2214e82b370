/**
 * The placeholder user an installation starts with, before anyone has an account: it holds the seeded sample flow
 * (lib/db/seed.ts), and the first account to sign up takes its place (lib/auth/first-account.ts). Nobody can sign in
 * as it: it has no password.
 */
export const LOCAL_USER = { id: "local", name: "Local user", email: "local@switchboard.invalid" } as const;

/** The placeholder's personal workspace, which holds the seeded sample flow and becomes the first account's. */
export const LOCAL_WORKSPACE = { id: "local", name: "Personal" } as const;
