import { currentUser, type CurrentUser } from "../auth/current-user";
import { database, type Database } from "../db/database";
import { responseForError } from "./api-error";

/** What every API handler gets: the caller, the database, and the route's parameters. */
export interface ApiContext<Params> {
  user: CurrentUser;
  db: Database;
  params: Params;
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
      return await handler(request, { user, db, params });
    } catch (error) {
      return responseForError(error);
    }
  };
}
