/**
 * Until accounts arrive, every request is made by the local user. Every entry point still asks
 * (see current-user.ts), so adding real sign-in changes one function, not every route.
 */
export const LOCAL_USER = { id: "local", name: "Local user", email: "local@switchboard.invalid" } as const;

/** The local user's personal workspace, which owns the seeded sample flow (made by seed.ts and the migration). */
export const LOCAL_WORKSPACE = { id: "local", name: "Personal" } as const;
