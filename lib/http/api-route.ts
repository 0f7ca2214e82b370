import { authorize, type AccessGrant, type AccessTarget, type WorkspaceAction } from "../auth/access";
import { currentUser, type CurrentUser } from "../auth/current-user";
import { database, type Database } from "../db/database";
import { unstorableTextReason } from "../flow/text";
import { ApiError, responseForError } from "./api-error";

/** What every API handler gets: the caller, the database, the route's parameters, and the access check. */
export interface ApiContext<Params> {
  user: CurrentUser;
  db: Database;
  params: Params;
  /** lib/auth/access.ts `authorize` for this caller: throws the documented 404 or 403 when they may not. */
  authorize: (action: WorkspaceAction, target: AccessTarget) => Promise<AccessGrant>;
}

/**
 * Wraps a route handler: asks who is calling first (docs/api.md), opens the database lazily, awaits Next 16's
 * params promise, and turns thrown errors into the documented error answers.
 */
export function apiRoute<Params extends Record<string, string> = Record<string, never>>(
  handler: (request: Request, context: ApiContext<Params>) => Promise<Response>,
): (request: Request, routeContext: { params: Promise<Params> }) => Promise<Response> {
  return async (request, routeContext) => {
    try {
      const user = await currentUser(request);
      const db = await database();
      const params = await routeContext.params;
      // No row can have such an id, and the database would fail on it (a 500): it names nothing.
      // Next resolves `params` to undefined for a route without dynamic segments, whatever its type says.
      if (Object.values(params ?? {}).some((value) => unstorableTextReason(value) !== undefined)) {
        throw new ApiError(404, "not_found", "Nothing exists at this address");
      }
      return await handler(request, { user, db, params, authorize: (action, target) => authorize(db, user, action, target) });
    } catch (error) {
      return responseForError(error);
    }
  };
}
