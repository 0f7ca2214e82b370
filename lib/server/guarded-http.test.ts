import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io } from "socket.io-client";
import { z } from "zod";
import { SIGN_IN_ATTEMPTS_PER_MINUTE } from "../auth/accounts";
import { signingSecret } from "../auth/secret";
import { issueSessionToken } from "../auth/session-token";
import { LOCAL_USER, LOCAL_WORKSPACE } from "../auth/local-user";
import { createTestDatabase, type TestDatabase } from "../db/test-databases";
import { listFlows } from "../flows/flow-repository";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { rawRequest, type RawAnswer } from "../testing/raw-http";
import { signUpOverHttp, type SignedIn } from "../testing/signed-in";
import { startServer, type RunningServer } from "./start-server";

process.env.SWITCHBOARD_SECRET ??= "integration-secret-integration-secret-0001";

const ATTACKER = "https://attacker.example";
const WIDGET = "https://widget.example.com";

const errorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const errorOf = (answer: RawAnswer) => errorAnswer.parse(JSON.parse(answer.body)).error;

function expectSecurityHeaders(answer: RawAnswer): void {
  expect(answer.headers).toMatchObject({
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": expect.stringContaining("microphone=(self)"),
  });
}

function expectApiHeaders(answer: RawAnswer): void {
  expectSecurityHeaders(answer);
  expect(answer.headers).toMatchObject({
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  });
}

/** A polling handshake, as the first request of every Socket.IO client that does not start on WebSocket. */
const pollingHandshake = (url: string, headers: Record<string, string>) =>
  rawRequest(url, { path: "/socket.io/?EIO=4&transport=polling", headers });

/** Opens a Socket.IO connection as a browser page of `origin` would (node's client may set the Origin header). */
function connectFrom(url: string, origin: string | undefined, token: string): Promise<"connected" | string> {
  const socket = io(url, {
    auth: { token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  return new Promise<"connected" | string>((resolve) => {
    socket.once("session", () => resolve("connected"));
    socket.once("connect_error", (error) => resolve(error.message));
  }).finally(() => socket.disconnect());
}

describe("the standalone runtime's front door", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let flowId: string;

  beforeAll(async () => {
    database = await createTestDatabase("embedded");
    server = await startServer({
      port: 0,
      hostname: "127.0.0.1",
      withEditor: false,
      dev: false,
      database,
      corsOrigins: [WIDGET],
      allowedHosts: ["runtime.example.com"],
    });
    const sample = (await listFlows(database.db, [LOCAL_WORKSPACE.id])).find((flow) => flow.name === "Appointment booking");
    if (!sample) throw new Error("the seeded sample flow is missing");
    flowId = sample.id;
  });

  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  it("says where it really listens", () => {
    expect(server.listening).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.listening.split(":")[1]}`);
  });

  it("refuses a forged Host with 421 host_not_allowed, and serves the configured ones", async () => {
    const forged = await rawRequest(server.url, { path: "/", headers: { host: "attacker.example" } });
    expect([forged.status, errorOf(forged).code]).toEqual([421, "host_not_allowed"]);
    expect(errorOf(forged).message).toContain('"attacker.example"');
    expectApiHeaders(forged);
    // The runtime serves only Socket.IO: everything else is a clear 404, never a hanging request.
    for (const host of ["localhost:3001", "runtime.example.com", "127.0.0.1"]) {
      const served = await rawRequest(server.url, { path: "/", headers: { host } });
      expect([served.status, errorOf(served).code], host).toEqual([404, "not_found"]);
    }
  });

  it("refuses a state change sent by another site's page with 403 cross_origin_refused", async () => {
    const forged = await rawRequest(server.url, {
      method: "POST",
      path: "/api/flows",
      headers: { origin: ATTACKER, "content-type": "text/plain" },
      body: '{"name":"Forged"}',
    });
    expect([forged.status, errorOf(forged).code]).toEqual([403, "cross_origin_refused"]);
    expectApiHeaders(forged);
  });

  it("refuses Socket.IO handshakes for a forged Host or from a page of another site, before any token is read", async () => {
    const badHost = await pollingHandshake(server.url, { host: "attacker.example" });
    // engine.io's own answer: 403 and `{ code: 4, message }`, the message starting with our code.
    expect([badHost.status, JSON.parse(badHost.body)]).toEqual([403, { code: 4, message: expect.stringMatching(/^host_not_allowed: /) }]);
    const badOrigin = await pollingHandshake(server.url, { origin: ATTACKER });
    expect(badOrigin.status).toBe(403);
    expect(badOrigin.body).toContain("cross_origin_refused: ");
    const fromWidget = await pollingHandshake(server.url, { origin: WIDGET });
    expect(fromWidget.status).toBe(200);
    expect(fromWidget.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("opens a call for a client with no Origin or an allowed one, and not from another site", async () => {
    const token = async () =>
      (await issueSessionToken({ sub: LOCAL_USER.id, workspaceId: LOCAL_WORKSPACE.id, flowId }, signingSecret())).token;
    expect(await connectFrom(server.url, ATTACKER, await token())).toBe("websocket error");
    expect(await connectFrom(server.url, undefined, await token())).toBe("connected");
    expect(await connectFrom(server.url, WIDGET, await token())).toBe("connected");
    await server.runtime.registry.whenEmpty();
  });
});

/*
 * The app with its pages needs Next's production build (`npx next build`; scripts/test.sh builds before it runs the
 * tests). Without one this part is skipped outside CI, like the other suites that need something built or running.
 */
const built = existsSync(".next/BUILD_ID");
if (!built && process.env.CI) throw new Error("guarded-http.test needs `npx next build` first (scripts/test.sh builds before the tests)");
if (!built)
  console.warn("[guarded-http.test] no production build (.next/BUILD_ID): skipping the pages and API part (npm test builds first)");

describe.skipIf(!built)("the app's front door (pages and API through Next)", () => {
  let database: TestDatabase;
  let server: RunningServer;
  const previousUrl = process.env.DATABASE_URL;

  let me: SignedIn;

  beforeAll(async () => {
    database = await createTestDatabase("embedded");
    // Route handlers open the database the app is configured with (lib/db reads DATABASE_URL).
    process.env.DATABASE_URL = database.url;
    server = await startServer({ port: 0, hostname: "127.0.0.1", withEditor: true, dev: false, database });
    me = await signUpOverHttp(server.url, { name: "Front door tester" });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.close();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  it("serves pages under a nonce Content-Security-Policy that Next's scripts carry, with the security headers", async () => {
    const page = await rawRequest(server.url, { path: "/sign-in", headers: { host: "localhost:3000" } });
    expect(page.status).toBe(200);
    expectSecurityHeaders(page);
    const policy = String(page.headers["content-security-policy"]);
    expect(policy).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const scripts = [...page.body.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    // A fresh nonce every time.
    const again = await rawRequest(server.url, { path: "/sign-in", headers: { host: "localhost:3000" } });
    expect(String(again.headers["content-security-policy"])).not.toContain(nonce);
  });

  it("answers the API with no-store, nosniff and its own locked-down policy", async () => {
    const api = await rawRequest(server.url, { path: "/api/templates", headers: { host: "localhost:3000", cookie: me.cookie } });
    expect(api.status).toBe(200);
    expectApiHeaders(api);
  });

  it("refuses pages and the API for a forged Host", async () => {
    for (const path of ["/", "/api/flows"]) {
      const forged = await rawRequest(server.url, { path, headers: { host: "attacker.example:3000" } });
      expect([forged.status, errorOf(forged).code], path).toEqual([421, "host_not_allowed"]);
    }
  });

  it("refuses another site's form posts, and takes the editor's own requests", async () => {
    const headers = { host: "localhost:3000", "content-type": "text/plain" };
    const body = JSON.stringify({ name: "Forged" });
    const fromAttacker = await rawRequest(server.url, {
      method: "POST",
      path: "/api/flows",
      headers: { ...headers, origin: ATTACKER },
      body,
    });
    expect([fromAttacker.status, errorOf(fromAttacker).code]).toEqual([403, "cross_origin_refused"]);
    const crossSite = await rawRequest(server.url, {
      method: "DELETE",
      path: "/api/flows/x",
      headers: { ...headers, "sec-fetch-site": "cross-site" },
    });
    expect([crossSite.status, errorOf(crossSite).code]).toEqual([403, "cross_origin_refused"]);
    // Even from our own page, a body that does not say it is JSON is not read.
    const notJson = await rawRequest(server.url, {
      method: "POST",
      path: "/api/flows",
      headers: { ...headers, origin: "http://localhost:3000", cookie: me.cookie },
      body,
    });
    expect([notJson.status, errorOf(notJson).code]).toEqual([415, "unsupported_media_type"]);
    const own = await rawRequest(server.url, {
      method: "POST",
      path: "/api/flows",
      headers: {
        host: "localhost:3000",
        origin: "http://localhost:3000",
        "content-type": "application/json",
        "sec-fetch-site": "same-origin",
        cookie: me.cookie,
      },
      body: JSON.stringify({ name: "From the editor" }),
    });
    expect(own.status).toBe(201);
    expectApiHeaders(own);
  });

  it("sends a signed-out visitor to sign in, and back to the page they asked for afterwards", async () => {
    const home = await rawRequest(server.url, { path: "/flows/some-flow", headers: { host: "localhost:3000" } });
    expect([home.status, home.headers.location]).toEqual([307, "/sign-in?next=%2Fflows%2Fsome-flow"]);
    const signedIn = await rawRequest(server.url, { path: "/", headers: { host: "localhost:3000", cookie: me.cookie } });
    expect(signedIn.status).toBe(200);
  });

  it("counts wrong passwords by the connection's address, whatever address header the client sends", async () => {
    const attempts: number[] = [];
    for (let attempt = 0; attempt < SIGN_IN_ATTEMPTS_PER_MINUTE + 2; attempt += 1) {
      const answer = await rawRequest(server.url, {
        method: "POST",
        path: "/api/auth/sign-in/email",
        headers: {
          host: "localhost:3000",
          "content-type": "application/json",
          // A client that claims to be someone new every time, to get a fresh count.
          [CLIENT_ADDRESS_HEADER]: `10.0.0.${attempt + 1}`,
          "x-forwarded-for": `10.1.0.${attempt + 1}`,
        },
        body: JSON.stringify({ email: me.user.email, password: `wrong password ${attempt}` }),
      });
      attempts.push(answer.status);
      if (answer.status === 429) expect(Number(answer.headers["x-retry-after"])).toBeGreaterThan(0);
    }
    expect(attempts).toEqual([...Array<number>(SIGN_IN_ATTEMPTS_PER_MINUTE).fill(401), 429, 429]);
  });
});
