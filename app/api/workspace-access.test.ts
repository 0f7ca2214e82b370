import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LOCAL_USER, LOCAL_WORKSPACE } from "@/lib/auth/local-user";
import { closeDatabase, database } from "@/lib/db/database";
import { describeEachDatabase } from "@/lib/db/test-databases";
import { flowTemplates } from "@/lib/flow/samples";

/*
 * Generated from the route handlers on disk: every handler of a route that names a flow or a session is called by the
 * local user on a flow (and its version and session) of a workspace they are not a member of, and of one where they
 * are a viewer. A new route under app/api makes this test fail until it is either exercised here (by its path's
 * parameters) or listed as naming no workspace's content. Accounts (sign-in, 401 for anonymous requests) come next;
 * until then every request is the local user's, so the other users are the workspaces' other members.
 */

/** Routes that name no flow, version or session of a workspace: the same answer for every caller. */
const WORKSPACE_FREE = new Set([
  "flow-schema",
  "flows/validate",
  "livekit",
  // Verified by LiveKit's signature, not by who is asking (lib/server/livekit-webhook.ts).
  "livekit/webhook",
  "templates",
  "voice/providers",
]);
/** Routes that list or create: scoped by the caller's memberships (checked below by what they return). */
const SCOPED_LISTS = new Set(["flows", "flows/import", "sessions", "workspaces"]);

/** What a viewer may do: read. Every other handler must refuse them (403) and change nothing. */
const VIEWER_MAY = new Set([
  "GET flows/[id]",
  "GET flows/[id]/export",
  "GET flows/[id]/history",
  "GET flows/[id]/versions",
  "GET flows/[id]/versions/[versionId]",
  "GET sessions/[id]",
  "GET workspaces/[id]",
  "GET workspaces/[id]/members",
]);

/** A body each writing handler accepts, so that the refusal comes from the access check and not from validation. */
const BODIES: Record<string, unknown> = {
  "POST flows/[id]/move": { workspaceId: LOCAL_WORKSPACE.id },
  "PATCH workspaces/[id]": { name: "Renamed by someone who may not" },
  "PUT workspaces/[id]/members/[userId]": { role: "viewer" },
  "PUT flows/[id]": { revision: 1, name: "Changed by someone who may not" },
  "POST flows/[id]/duplicate": { name: "Copied by someone who may not" },
  "POST flows/[id]/versions": { revision: 1 },
  "POST flows/[id]/sessions": {},
  "POST flows/[id]/livekit-calls": {},
  "POST sessions/[id]/end": {},
};

const API_DIR = path.join(import.meta.dirname);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

function routeNames(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name === "route.ts") found.push(path.relative(API_DIR, dir).split(path.sep).join("/"));
    }
  };
  walk(API_DIR);
  return found.sort();
}

async function handlersOf(route: string): Promise<Array<[string, Handler]>> {
  const exported = (await import(path.join(API_DIR, route, "route.ts"))) as Record<string, unknown>;
  return METHODS.filter((method) => typeof exported[method] === "function").map((method) => [method, exported[method] as Handler]);
}

interface Fixture {
  workspaceId: string;
  flowId: string;
  versionId: string;
  sessionId: string;
}

describeEachDatabase("workspace access through every route handler", (current) => {
  const previousUrl = process.env.DATABASE_URL;
  const fixtures: Record<"foreign" | "viewing", Fixture> = {} as never;

  beforeAll(async () => {
    process.env.SWITCHBOARD_SECRET ??= "test-secret-of-at-least-thirty-two-characters";
    await closeDatabase();
    process.env.DATABASE_URL = current().url;
    const db = await database();
    await db.user.create({ data: { id: "teammate", email: "teammate@example.invalid", name: "Teammate" } });
    for (const kind of ["foreign", "viewing"] as const) {
      const workspace = await db.workspace.create({
        data: {
          name: kind === "foreign" ? "Someone else's team" : "A team the local user views",
          memberships: {
            create: [
              { userId: "teammate", role: "owner" },
              ...(kind === "viewing" ? [{ userId: LOCAL_USER.id, role: "viewer" as const }] : []),
            ],
          },
        },
      });
      const flow = await db.flow.create({
        data: { workspaceId: workspace.id, createdById: "teammate", name: `${kind} flow`, graph: flowTemplates[0]!.graph() },
      });
      const version = await db.flowVersion.create({ data: { flowId: flow.id, version: 1, graph: flowTemplates[0]!.graph() } });
      const sessionId = crypto.randomUUID();
      await db.session.create({
        data: {
          id: sessionId,
          flowId: flow.id,
          workspaceId: workspace.id,
          sourceKind: "draft",
          draftRevision: 1,
          transport: "socketio",
          userId: "teammate",
          startedAt: new Date(),
        },
      });
      fixtures[kind] = { workspaceId: workspace.id, flowId: flow.id, versionId: version.id, sessionId };
    }
  });
  afterAll(async () => {
    await closeDatabase();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  const call = (handler: Handler, method: string, route: string, fixture: Fixture, body?: unknown) => {
    const id = route.startsWith("sessions/") ? fixture.sessionId : route.startsWith("workspaces/") ? fixture.workspaceId : fixture.flowId;
    // A member other than the caller: the workspaces' owner.
    const params = { id, versionId: fixture.versionId, userId: "teammate" };
    const url = `http://localhost/api/${route.replace("[id]", id).replace("[versionId]", params.versionId).replace("[userId]", params.userId)}`;
    const init = body === undefined ? { method } : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
    return handler(new Request(url, init), { params: Promise.resolve(params) });
  };

  it("knows every route: each names a flow or a session, lists by membership, or is listed as naming none", () => {
    const unknown = routeNames().filter((route) => !route.includes("[") && !WORKSPACE_FREE.has(route) && !SCOPED_LISTS.has(route));
    expect(unknown).toEqual([]);
  });

  it("answers 404 for another workspace's flow, version and session, from every handler, and changes nothing", async () => {
    const tried: string[] = [];
    for (const route of routeNames().filter((name) => name.includes("["))) {
      for (const [method, handler] of await handlersOf(route)) {
        const response = await call(handler, method, route, fixtures.foreign, BODIES[`${method} ${route}`]);
        tried.push(`${method} ${route} → ${response.status}`);
        expect(`${method} ${route} → ${response.status}`).toBe(`${method} ${route} → 404`);
      }
    }
    expect(tried.length).toBeGreaterThanOrEqual(12);
    await expectUnchanged(fixtures.foreign);
  });

  it("lets a viewer read and refuses every change or call with 403, changing nothing", async () => {
    for (const route of routeNames().filter((name) => name.includes("["))) {
      for (const [method, handler] of await handlersOf(route)) {
        const key = `${method} ${route}`;
        const response = await call(handler, method, route, fixtures.viewing, BODIES[key]);
        const expected = VIEWER_MAY.has(key) ? 200 : 403;
        expect(`${key} → ${response.status}`).toBe(`${key} → ${expected}`);
        if (expected === 403) expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
      }
    }
    await expectUnchanged(fixtures.viewing);
  });

  it("lists only the workspaces' flows and sessions the caller belongs to, and creates only where they may edit", async () => {
    const flows = await import("./flows/route");
    const sessions = await import("./sessions/route");
    const flowImport = await import("./flows/import/route");
    const none = { params: Promise.resolve({}) };
    const listed = (await (await flows.GET(new Request("http://localhost/api/flows"), none)).json()) as {
      flows: Array<{ id: string; workspaceId: string }>;
    };
    const ids = listed.flows.map((flow) => flow.id);
    expect(ids).toContain(fixtures.viewing.flowId);
    expect(ids).not.toContain(fixtures.foreign.flowId);
    const listedSessions = (await (await sessions.GET(new Request("http://localhost/api/sessions"), none)).json()) as {
      sessions: Array<{ id: string }>;
    };
    expect(listedSessions.sessions.map((session) => session.id)).toContain(fixtures.viewing.sessionId);
    expect(listedSessions.sessions.map((session) => session.id)).not.toContain(fixtures.foreign.sessionId);

    const db = await database();
    const [foreign, viewing] = await Promise.all(
      [fixtures.foreign, fixtures.viewing].map(
        async (fixture) => (await db.flow.findUniqueOrThrow({ where: { id: fixture.flowId } })).workspaceId,
      ),
    );
    const create = (workspaceId: string) =>
      flows.POST(
        new Request("http://localhost/api/flows", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "New", workspaceId }),
        }),
        none,
      );
    expect((await create(foreign!)).status).toBe(404);
    expect((await create(viewing!)).status).toBe(403);
    const mine = await create(LOCAL_WORKSPACE.id);
    expect(mine.status).toBe(201);
    expect(((await mine.json()) as { flow: { workspaceId: string } }).flow.workspaceId).toBe(LOCAL_WORKSPACE.id);
    const document = { format: "switchboard.flow", name: "Imported", graph: flowTemplates[0]!.graph() };
    const importInto = (workspaceId: string) =>
      flowImport.POST(
        new Request(`http://localhost/api/flows/import?workspaceId=${encodeURIComponent(workspaceId)}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(document),
        }),
        none,
      );
    expect((await importInto(foreign!)).status).toBe(404);
    expect((await importInto(viewing!)).status).toBe(403);
    expect(await db.flow.count({ where: { workspaceId: { in: [foreign!, viewing!] } } })).toBe(2);
  });
});

async function expectUnchanged(fixture: Fixture): Promise<void> {
  const db = await database();
  const flow = await db.flow.findUniqueOrThrow({ where: { id: fixture.flowId } });
  expect(flow).toMatchObject({ revision: 1, deletedAt: null });
  expect(flow.name).not.toContain("may not");
  expect(await db.flow.count({ where: { name: { contains: "may not" } } })).toBe(0);
  expect(await db.flowVersion.count({ where: { flowId: fixture.flowId } })).toBe(1);
  expect(await db.session.findUniqueOrThrow({ where: { id: fixture.sessionId } })).toMatchObject({ status: "live" });
  expect(flow.workspaceId).toBe(fixture.workspaceId);
  expect(await db.workspace.findUniqueOrThrow({ where: { id: fixture.workspaceId } })).toMatchObject({
    name: expect.not.stringContaining("may not"),
  });
  expect(
    await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: fixture.workspaceId, userId: "teammate" } } }),
  ).toMatchObject({ role: "owner" });
}
