import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { LOCAL_WORKSPACE } from "@/lib/auth/local-user";
import { closeDatabase, database } from "@/lib/db/database";
import { describeEachDatabase } from "@/lib/db/test-databases";
import { flowTemplates } from "@/lib/flow/samples";
import { hostPolicy } from "@/lib/http/host-guard";
import { originPolicy } from "@/lib/http/origin-guard";
import { createRequestGuard } from "@/lib/http/request-guard";
import { guardedListener } from "@/lib/server/guarded-http";
import { signUpForTest, type SignedIn } from "@/lib/testing/signed-in";
import { createInvitation, listInvitations } from "@/lib/workspaces/invitations";
import { createShareLink, listShareLinks, revokeShareLink } from "@/lib/flows/share-links";

/*
 * Generated from the route handlers on disk: every handler of a route that names a flow or a session is called by a
 * signed-in user on a flow (and its version and session) of a workspace they are not a member of, and of one where
 * they are a viewer; every handler but the public ones is called with no cookie and with a forged one; every
 * state-changing handler is sent a cross-site form post through the server's request guard. A new route under app/api
 * makes this test fail until it is either exercised here (by its path's parameters) or listed as naming no
 * workspace's content.
 */

/** Routes anyone may call: how one signs in, a public document, and LiveKit's own signed callbacks. */
const PUBLIC = new Set(["auth/[...all]", "flow-schema", "livekit/webhook"]);

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
const SCOPED_LISTS = new Set(["flows", "flows/import", "invitations", "sessions", "workspaces"]);
/**
 * Routes that act on a link's secret, not on a workspace the caller names (app/api/invitations.test.ts,
 * app/api/share-links.test.ts): any signed-in caller who has the secret may use it, so they are not among the
 * handlers below that must refuse other workspaces and viewers; what they answer to a stranger is checked on its own.
 */
const BY_SECRET = new Set(["invitations/accept", "invitations/preview", "shared/[token]"]);

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
  "POST workspaces/[id]/invitations": { role: "editor" },
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

/** The routes that act on someone's behalf, each of which must know who is asking. */
function routeNames(): string[] {
  return allRouteNames().filter((route) => !PUBLIC.has(route));
}

function allRouteNames(): string[] {
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
  invitationId: string;
  shareLinkId: string;
  /** The share link's secret. */
  shareToken: string;
  /** A share link of the same flow that was revoked. */
  revokedShareToken: string;
  flowId: string;
  versionId: string;
  sessionId: string;
}

describeEachDatabase("workspace access through every route handler", (current) => {
  const previousUrl = process.env.DATABASE_URL;
  const fixtures: Record<"foreign" | "viewing", Fixture> = {} as never;
  /** The caller (the database's first account, so the seeded workspace is theirs) and the workspaces' owner. */
  let me: SignedIn;
  let teammate: SignedIn;

  beforeAll(async () => {
    process.env.SWITCHBOARD_SECRET ??= "test-secret-of-at-least-thirty-two-characters";
    await closeDatabase();
    process.env.DATABASE_URL = current().url;
    const db = await database();
    me = await signUpForTest({ name: "Caller" });
    teammate = await signUpForTest({ name: "Teammate" });
    for (const kind of ["foreign", "viewing"] as const) {
      const workspace = await db.workspace.create({
        data: {
          name: kind === "foreign" ? "Someone else's team" : "A team the local user views",
          memberships: {
            create: [
              { userId: teammate.user.id, role: "owner" },
              ...(kind === "viewing" ? [{ userId: me.user.id, role: "viewer" as const }] : []),
            ],
          },
        },
      });
      const flow = await db.flow.create({
        data: { workspaceId: workspace.id, createdById: teammate.user.id, name: `${kind} flow`, graph: flowTemplates[0]!.graph() },
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
          userId: teammate.user.id,
          startedAt: new Date(),
        },
      });
      const { invitation } = await createInvitation(db, { workspaceId: workspace.id, role: "editor", createdById: teammate.user.id });
      const shared = (await createShareLink(db, { workspaceId: workspace.id, flowId: flow.id, createdById: teammate.user.id }))!;
      const revoked = (await createShareLink(db, { workspaceId: workspace.id, flowId: flow.id, createdById: teammate.user.id }))!;
      await revokeShareLink(db, workspace.id, flow.id, revoked.link.id);
      fixtures[kind] = {
        workspaceId: workspace.id,
        flowId: flow.id,
        versionId: version.id,
        sessionId,
        invitationId: invitation.id,
        shareLinkId: shared.link.id,
        shareToken: shared.token,
        revokedShareToken: revoked.token,
      };
    }
  });
  afterAll(async () => {
    await closeDatabase();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  const call = (handler: Handler, method: string, route: string, fixture: Fixture, body?: unknown, cookie: string | null = me.cookie) => {
    const id = route.startsWith("sessions/") ? fixture.sessionId : route.startsWith("workspaces/") ? fixture.workspaceId : fixture.flowId;
    // A member other than the caller: the workspaces' owner.
    const params = {
      id,
      versionId: fixture.versionId,
      userId: teammate.user.id,
      invitationId: fixture.invitationId,
      linkId: fixture.shareLinkId,
      token: fixture.shareToken,
    };
    const url = `http://localhost/api/${route
      .replace("[id]", id)
      .replace("[versionId]", params.versionId)
      .replace("[userId]", params.userId)
      .replace("[invitationId]", params.invitationId)
      .replace("[linkId]", params.linkId)
      .replace("[token]", encodeURIComponent(params.token))}`;
    const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
    if (cookie !== null) headers.cookie = cookie;
    const init = body === undefined ? { method, headers } : { method, headers, body: JSON.stringify(body) };
    return handler(new Request(url, init), { params: Promise.resolve(params) });
  };

  it("answers 401 to every handler but the public ones without a valid sign-in, and changes nothing", async () => {
    // The real cookie's name with a token nobody was given, and a real token whose signature was tampered with.
    const [name, value] = me.cookie.split("=") as [string, string];
    const forged = [null, `${name}=made-up-token.made-up-signature`, `${name}=${value.slice(0, -4)}AAA%3D`];
    const tried: string[] = [];
    for (const route of routeNames()) {
      for (const [method, handler] of await handlersOf(route)) {
        for (const cookie of forged) {
          const response = await call(
            handler,
            method,
            route,
            fixtures.viewing,
            BODIES[`${method} ${route}`] ?? (method === "GET" ? undefined : {}),
            cookie,
          );
          const key = `${method} ${route} (${cookie === null ? "no cookie" : "forged cookie"})`;
          expect(`${key} → ${response.status}`).toBe(`${key} → 401`);
          expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
          tried.push(key);
        }
      }
    }
    expect(tried.length).toBeGreaterThanOrEqual(60);
    await expectUnchanged(fixtures.viewing, teammate.user.id);
  });

  it("refuses a cross-site form or text/plain post to every state-changing handler before it runs", async () => {
    const guard = createRequestGuard({ hosts: hostPolicy({ listenHostname: "127.0.0.1" }), origins: originPolicy([]) });
    const reached: string[] = [];
    const server = createServer(
      guardedListener({ guard, handle: (request, response) => (reached.push(request.url ?? ""), response.end()) }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      let tried = 0;
      for (const route of allRouteNames()) {
        for (const [method] of await handlersOf(route)) {
          if (method === "GET") continue;
          for (const contentType of ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"]) {
            const response = await fetch(`http://127.0.0.1:${port}/api/${route}`, {
              method,
              headers: { origin: "https://attacker.example", "content-type": contentType, cookie: me.cookie },
              body: contentType === "text/plain" ? '{"name":"x"}' : "name=x",
            });
            expect(`${method} ${route} (${contentType}) → ${response.status}`).toBe(`${method} ${route} (${contentType}) → 403`);
            expect(((await response.json()) as { error: { code: string } }).error.code).toBe("cross_origin_refused");
            tried += 1;
          }
        }
      }
      expect(tried).toBeGreaterThanOrEqual(30);
      expect(reached).toEqual([]);
      // The guard is not refusing everything: the same post from the site itself goes through.
      await fetch(`http://127.0.0.1:${port}/api/flows`, { method: "POST", headers: { origin: `http://127.0.0.1:${port}` }, body: "{}" });
      expect(reached).toEqual(["/api/flows"]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("knows every route: each names a flow or a session, lists by membership, or is listed as naming none", () => {
    expect(allRouteNames()).toEqual(expect.arrayContaining([...PUBLIC]));
    const unknown = routeNames().filter(
      (route) => !route.includes("[") && !WORKSPACE_FREE.has(route) && !SCOPED_LISTS.has(route) && !BY_SECRET.has(route),
    );
    expect(unknown).toEqual([]);
  });

  it("answers 404 for another workspace's flow, version and session, from every handler, and changes nothing", async () => {
    const tried: string[] = [];
    for (const route of routeNames().filter((name) => name.includes("[") && !BY_SECRET.has(name))) {
      for (const [method, handler] of await handlersOf(route)) {
        const response = await call(handler, method, route, fixtures.foreign, BODIES[`${method} ${route}`]);
        tried.push(`${method} ${route} → ${response.status}`);
        expect(`${method} ${route} → ${response.status}`).toBe(`${method} ${route} → 404`);
      }
    }
    expect(tried.length).toBeGreaterThanOrEqual(12);
    await expectUnchanged(fixtures.foreign, teammate.user.id);
  });

  it("lets a viewer read and refuses every change or call with 403, changing nothing", async () => {
    for (const route of routeNames().filter((name) => name.includes("[") && !BY_SECRET.has(name))) {
      for (const [method, handler] of await handlersOf(route)) {
        const key = `${method} ${route}`;
        const response = await call(handler, method, route, fixtures.viewing, BODIES[key]);
        const expected = VIEWER_MAY.has(key) ? 200 : 403;
        expect(`${key} → ${response.status}`).toBe(`${key} → ${expected}`);
        if (expected === 403) expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
      }
    }
    await expectUnchanged(fixtures.viewing, teammate.user.id);
  });

  it("opens a share link's flow for anyone signed in with its secret, read-only and without its workspace, and nothing else", async () => {
    const shared = await import("./shared/[token]/route");
    const open = (token: string) =>
      shared.GET(new Request(`http://localhost/api/shared/${encodeURIComponent(token)}`, { headers: { cookie: me.cookie } }), {
        params: Promise.resolve({ token }),
      });
    // The caller is no member of the foreign workspace: the secret alone opens its flow, to look at.
    const opened = await open(fixtures.foreign.shareToken);
    expect(opened.status).toBe(200);
    const body = (await opened.json()) as { flow: Record<string, unknown>; role: string; validation: { ok: boolean } };
    expect(body.role).toBe("viewer");
    expect(body.flow).toMatchObject({ id: fixtures.foreign.flowId, name: "foreign flow", revision: 1 });
    expect(Object.keys(body).sort()).toEqual(["flow", "role", "validation"]);
    expect(Object.keys(body.flow).sort()).toEqual(["createdAt", "graph", "id", "name", "revision", "updatedAt"]);
    // A made-up secret, one of the right shape, the flow's id and a revoked link open nothing.
    for (const token of ["made-up", "A".repeat(43), fixtures.foreign.flowId]) {
      const response = await open(token);
      expect(`${token} → ${response.status}`).toBe(`${token} → 404`);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("share_link_not_found");
    }
    const revoked = await open(fixtures.foreign.revokedShareToken);
    expect(revoked.status).toBe(410);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe("share_link_revoked");
    // Holding the link gives nothing else of the flow: every other handler still answers 404 (checked above).
    await expectUnchanged(fixtures.foreign, teammate.user.id);
  });

  it("lists only the workspaces' flows and sessions the caller belongs to, and creates only where they may edit", async () => {
    const flows = await import("./flows/route");
    const sessions = await import("./sessions/route");
    const flowImport = await import("./flows/import/route");
    const none = { params: Promise.resolve({}) };
    const listed = (await (
      await flows.GET(new Request("http://localhost/api/flows", { headers: { cookie: me.cookie } }), none)
    ).json()) as {
      flows: Array<{ id: string; workspaceId: string }>;
    };
    const ids = listed.flows.map((flow) => flow.id);
    expect(ids).toContain(fixtures.viewing.flowId);
    expect(ids).not.toContain(fixtures.foreign.flowId);
    const listedSessions = (await (
      await sessions.GET(new Request("http://localhost/api/sessions", { headers: { cookie: me.cookie } }), none)
    ).json()) as {
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
          headers: { "content-type": "application/json", cookie: me.cookie },
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
          headers: { "content-type": "application/json", cookie: me.cookie },
          body: JSON.stringify(document),
        }),
        none,
      );
    expect((await importInto(foreign!)).status).toBe(404);
    expect((await importInto(viewing!)).status).toBe(403);
    expect(await db.flow.count({ where: { workspaceId: { in: [foreign!, viewing!] } } })).toBe(2);
  });
});

async function expectUnchanged(fixture: Fixture, owner: string): Promise<void> {
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
    await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: fixture.workspaceId, userId: owner } } }),
  ).toMatchObject({ role: "owner" });
  // The invitation is still there, and no other was made.
  expect((await listInvitations(db, fixture.workspaceId)).map((invitation) => invitation.id)).toEqual([fixture.invitationId]);
  // The share link still opens the flow, and no other was made.
  expect((await listShareLinks(db, fixture.workspaceId, fixture.flowId)).map((link) => link.id)).toEqual([fixture.shareLinkId]);
}
