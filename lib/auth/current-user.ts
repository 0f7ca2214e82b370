import { database } from "../db/database";
import { ensureLocalUser } from "../db/seed";

/** Who is calling. */
export interface CurrentUser {
  id: string;
}

/*
 * Ensured once per process; stored on globalThis for the same reason as the database (bundled route handlers and
 * the custom server hold separate copies of this module).
 */
const LOCAL_USER_KEY = Symbol.for("switchboard.localUserEnsured");
type Holder = { [LOCAL_USER_KEY]?: Promise<CurrentUser> };

/**
 * The user a request is made by. Every route asks this first. Until accounts arrive it is always the local user
 * (created if missing); sign-in will read the request here and nowhere else.
 */
export async function currentUser(_request: Request): Promise<CurrentUser> {
  const holder = globalThis as Holder;
  const ensured = (holder[LOCAL_USER_KEY] ??= database().then((db) => ensureLocalUser(db)));
  try {
    return await ensured;
  } catch (error) {
    if (holder[LOCAL_USER_KEY] === ensured) delete holder[LOCAL_USER_KEY];
    throw error;
  }
}
