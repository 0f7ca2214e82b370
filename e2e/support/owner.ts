/**
 * The account the suite's setup makes on the fresh server (e2e/first-account.setup.ts): the installation's first, so
 * it owns the sample flow. Every spec runs signed in as it (playwright.config.ts, storageState).
 */
export const OWNER = { name: "Olivia Owner", email: "olivia@example.com", password: "a long e2e password" } as const;

/** Where the setup keeps the owner's signed-in browser state. */
export const OWNER_STATE = "e2e/.auth/owner.json";
