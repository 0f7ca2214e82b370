import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { verifySessionToken } from "@/lib/auth/session-token";
import { signingSecret } from "@/lib/auth/secret";
import { LOCAL_WORKSPACE } from "@/lib/auth/local-user";
import { closeDatabase } from "@/lib/db/database";
import { describeEachDatabase } from "@/lib/db/test-databases";
import { flowTemplates } from "@/lib/flow/samples";
import { SessionRegistry } from "@/lib/runtime/session-registry";
import {
  installSessionControl,
  uninstallSessionControl,
  type LiveKitCallGrant,
  type LiveKitCallOutcome,
  type SessionControl,
} from "@/lib/server/session-control";
import { createSessionRecorder } from "@/lib/sessions/session-recorder";
import { signUpForTest, type SignedIn } from "@/lib/testing/signed-in";
import type { VoiceProviderCatalog } from "@/lib/voice/voice-catalog";
import * as flows from "./flows/route";
import * as flow from "./flows/[id]/route";
import * as flowImport from "./flows/import/route";
import * as flowExport from "./flows/[id]/export/route";
import * as flowDuplicate from "./flows/[id]/duplicate/route";
import * as flowVersions from "./flows/[id]/versions/route";
import * as flowHistory from "./flows/[id]/history/route";
import * as flowSessions from "./flows/[id]/sessions/route";
import * as flowLiveKitCalls from "./flows/[id]/livekit-calls/route";
import * as flowSchema from "./flow-schema/route";
import * as validate from "./flows/validate/route";
import * as sessionEnd from "./sessions/[id]/end/route";
import * as sessions from "./sessions/route";
import * as templates from "./templates/route";
import * as voiceProviders from "./voice/providers/route";

const base = "http://localhost/api";
const params = <P extends Record<string, string>>(value: P) => ({ params: Promise.resolve(value) });
const none = params({});
/** The signed-in test user (the database's first account, so it owns the seeded workspace) and its cookie. */
let me: SignedIn;
const json = (method: string, path: string, body: unknown) =>
  new Request(`${base}${path}`, { method, headers: { "content-type": "application/json", cookie: me.cookie }, body: JSON.stringify(body) });
const raw = (method: string, path: string, body: string, contentType = "application/json") =>
  new Request(`${base}${path}`, { method, headers: { "content-type": contentType, cookie: me.cookie }, body });
const get = (path: string) => new Request(`${base}${path}`, { headers: { cookie: me.cookie } });

async function answer(
  response: Response,
): Promise<{ status: number; body: Record<string, unknown> & { error?: { code: string; message?: string; issues?: unknown[] } } }> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** Swaps the registry's terminate for a recording one: the routes' contract with the runtime is that one call. */
class RecordingRegistry extends SessionRegistry {
  readonly terminated: Array<{ sessionId: string; reason: string; goodbye?: string }> = [];
  constructor(private readonly live: Set<string>) {
    super();
  }
  override terminate(sessionId: string, reason: string, options: { goodbye?: string } = {}): boolean {
    if (!this.live.has(sessionId)) return false;
    this.terminated.push({ sessionId, reason, ...options });
    return true;
  }
}

describeEachDatabase("HTTP API routes", (current) => {
  const previousUrl = process.env.DATABASE_URL;
  beforeAll(async () => {
    // Keep the test from writing a generated secret into the state folder.
    process.env.SWITCHBOARD_SECRET ??= "test-secret-of-at-least-thirty-two-characters";
    await closeDatabase();
    process.env.DATABASE_URL = current().url;
    me = await signUpForTest({ name: "Ada Lovelace" });
  });
  afterAll(async () => {
    await closeDatabase();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  it("serves the flow format's JSON Schema", async () => {
    const response = await flowSchema.GET();
    expect(response.headers.get("content-type")).toContain("application/schema+json");
    expect(await response.json()).toMatchObject({ $id: expect.stringContaining("flow.schema.json"), title: "Switchboard flow" });
  });

  it("lists the speech providers, which this server has keys for, and their voices and languages in words", async () => {
    const previousKey = process.env.ELEVENLABS_API_KEY;
    process.env.ELEVENLABS_API_KEY = "xi-test-key";
    try {
      const response = await voiceProviders.GET(get("/voice/providers"), none);
      expect(response.status).toBe(200);
      const catalog = (await response.json()) as VoiceProviderCatalog;
      const local = catalog.textToSpeech.find((offer) => offer.id === "local");
      expect(local).toMatchObject({ available: true, name: "Offline (this server)" });
      expect(local?.voices).toContainEqual({ id: "espeak:en-us", name: "eSpeak (robotic, offline)", language: "en-US" });
      expect(catalog.textToSpeech.find((offer) => offer.id === "elevenlabs")).toMatchObject({
        available: true,
        voices: [{ id: "elevenlabs:21m00Tcm4TlvDq8Ikt6M", name: "Rachel (ElevenLabs)", language: "en-US" }],
      });
      expect(catalog.speechToText.find((offer) => offer.id === "local")?.languages).toEqual([{ tag: "en-US", name: "American English" }]);
      for (const offer of [...catalog.speechToText, ...catalog.textToSpeech]) {
        if (!offer.available) expect(offer.unavailableReason).toMatch(/^Set [A-Z_]+/);
      }
    } finally {
      if (previousKey === undefined) delete process.env.ELEVENLABS_API_KEY;
      else process.env.ELEVENLABS_API_KEY = previousKey;
    }
  });

  it("lists templates and the seeded flow", async () => {
    const listed = await answer(await templates.GET(get("/templates"), none));
    expect(listed.body.templates).toEqual([{ id: "appointment-booking", name: "Appointment booking", description: expect.any(String) }]);
    const all = await answer(await flows.GET(get("/flows"), none));
    expect(all.status).toBe(200);
    expect(all.body.flows).toContainEqual(
      expect.objectContaining({ name: "Appointment booking", nodeCount: flowTemplates[0]!.graph().nodes.length }),
    );
  });

  it("answers malformed, oversized and invalid bodies with the documented errors", async () => {
    expect((await answer(await flows.POST(raw("POST", "/flows", "{nope"), none))).body.error?.code).toBe("invalid_json");
    const huge = await answer(await flows.POST(raw("POST", "/flows", JSON.stringify({ name: "x".repeat(3 * 1024 * 1024) })), none));
    expect([huge.status, huge.body.error?.code]).toEqual([413, "payload_too_large"]);
    const noName = await answer(await flows.POST(json("POST", "/flows", { templateId: "appointment-booking" }), none));
    expect([noName.status, noName.body.error?.code]).toEqual([400, "invalid_request"]);
    const unknown = await answer(await flows.POST(json("POST", "/flows", { name: "x", templateId: "nope" }), none));
    expect([unknown.status, unknown.body.error?.code]).toEqual([400, "unknown_template"]);
    const badGraph = await answer(
      await flows.POST(json("POST", "/flows", { name: "x", graph: { schemaVersion: 1, nodes: "no", edges: [] } }), none),
    );
    expect([badGraph.status, badGraph.body.error?.code]).toEqual([400, "invalid_flow"]);
    expect(badGraph.body.error?.issues).toContainEqual(expect.objectContaining({ pointer: "/nodes" }));
    const missing = await answer(await flow.GET(get("/flows/nope"), params({ id: "nope" })));
    expect([missing.status, missing.body.error?.code]).toEqual([404, "not_found"]);
  });

  it("reads a body only when it says it is JSON (415 otherwise), so a cross-site form cannot pass for a request", async () => {
    const asForm = await answer(await flows.POST(raw("POST", "/flows", JSON.stringify({ name: "Forged" }), "text/plain"), none));
    expect([asForm.status, asForm.body.error?.code]).toEqual([415, "unsupported_media_type"]);
    const undeclared = new Request(`${base}/flows/import`, {
      method: "POST",
      headers: { cookie: me.cookie },
      body: JSON.stringify({ name: "x" }),
    });
    undeclared.headers.delete("content-type");
    expect((await answer(await flowImport.POST(undeclared, none))).status).toBe(415);
    const withCharset = await answer(
      await flows.POST(raw("POST", "/flows", JSON.stringify({ name: "Charset" }), "application/json; charset=utf-8"), none),
    );
    expect(withCharset.status).toBe(201);
    // Optional bodies may still be left out, with no type at all.
    const created = withCharset.body.flow as { id: string };
    const copy = await flowDuplicate.POST(
      new Request(`${base}/flows/${created.id}/duplicate`, { method: "POST", headers: { cookie: me.cookie } }),
      params({ id: created.id }),
    );
    expect(copy.status).toBe(201);
  });

  it("refuses a NUL byte or a lone surrogate in any text with a 400 that names the field", async () => {
    const created = await answer(await flows.POST(json("POST", "/flows", { name: "Texts", templateId: "appointment-booking" }), none));
    const { id } = created.body.flow as { id: string };
    const say = flowTemplates[0]!.graph().nodes.findIndex((node) => node.kind === "say");
    for (const bad of ["Bad\u0000text", "Bad\ud800text"]) {
      const graph = flowTemplates[0]!.graph();
      const node = graph.nodes[say];
      if (node?.kind !== "say") throw new Error("no say node");
      node.data.text = bad;
      const namedIn = (result: Awaited<ReturnType<typeof answer>>) => [result.status, result.body.error?.code, result.body.error?.message];
      const inName = ["invalid_request", expect.stringContaining("(at name)")];

      expect(namedIn(await answer(await flows.POST(json("POST", "/flows", { name: bad }), none)))).toEqual([400, ...inName]);
      expect(namedIn(await answer(await flow.PUT(json("PUT", `/flows/${id}`, { revision: 1, name: bad }), params({ id }))))).toEqual([
        400,
        ...inName,
      ]);
      const duplicated = await answer(await flowDuplicate.POST(json("POST", `/flows/${id}/duplicate`, { name: bad }), params({ id })));
      expect(namedIn(duplicated)).toEqual([400, ...inName]);
      const ended = await answer(await sessionEnd.POST(json("POST", `/sessions/${id}/end`, { goodbye: bad }), params({ id })));
      expect(namedIn(ended)).toEqual([400, "invalid_request", expect.stringContaining("(at goodbye)")]);

      const textIssue = {
        issues: expect.arrayContaining([expect.objectContaining({ pointer: `/nodes/${say}/data/text`, nodeId: node.id })]),
      };
      const createdWith = await answer(await flows.POST(json("POST", "/flows", { name: "x", graph }), none));
      expect([createdWith.status, createdWith.body.error]).toEqual([400, expect.objectContaining({ code: "invalid_flow", ...textIssue })]);
      const saved = await answer(await flow.PUT(json("PUT", `/flows/${id}`, { revision: 1, graph }), params({ id })));
      expect([saved.status, saved.body.error]).toEqual([400, expect.objectContaining({ code: "invalid_flow", ...textIssue })]);

      const file = { format: "switchboard.flow", name: bad, graph };
      const imported = await answer(await flowImport.POST(json("POST", "/flows/import", file), none));
      expect([imported.status, imported.body.error?.code]).toEqual([400, "invalid_flow"]);
      expect(imported.body.error?.issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ pointer: "/name" }),
          expect.objectContaining({ pointer: `/graph/nodes/${say}/data/text`, nodeId: node.id }),
        ]),
      );
      // Validation answers 200 with the issue, like any other problem of a draft.
      const validated = await answer(await validate.POST(json("POST", "/flows/validate", { graph }), none));
      expect(validated.body.validation).toMatchObject({ ok: false, ...textIssue });
    }
    // An id in the address that no row can have is a 404, not a database failure.
    expect((await flow.GET(get("/flows/%00"), params({ id: "\u0000" }))).status).toBe(404);
    // Nothing half-stored: the flow is as it was created.
    expect((await answer(await flow.GET(get(`/flows/${id}`), params({ id })))).body.flow).toMatchObject({ revision: 1, name: "Texts" });
  });

  it("creates, saves with revisions (409 with the current flow), exports and deletes", async () => {
    const created = await answer(await flows.POST(json("POST", "/flows", { name: "Routes", templateId: "appointment-booking" }), none));
    expect(created.status).toBe(201);
    const { id, graph } = created.body.flow as { id: string; graph: { nodes: unknown[] } };

    const saved = await answer(await flow.PUT(json("PUT", `/flows/${id}`, { revision: 1, name: "Renamed" }), params({ id })));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ flow: { revision: 2, name: "Renamed" }, validation: { ok: true } });

    const stale = await answer(await flow.PUT(json("PUT", `/flows/${id}`, { revision: 1, name: "Stale" }), params({ id })));
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "revision_conflict", current: { revision: 2, name: "Renamed" } });

    // A draft may break field rules (a variable named `my var!`): it saves, and the validation says where.
    const badField = structuredClone(graph) as { nodes: Array<{ id: string; data: Record<string, unknown> }> };
    badField.nodes.find((candidate) => candidate.id === "ask")!.data.variable = "my var!";
    const fieldSaved = await answer(await flow.PUT(json("PUT", `/flows/${id}`, { revision: 2, graph: badField }), params({ id })));
    expect(fieldSaved.status).toBe(200);
    expect((fieldSaved.body.validation as { issues: unknown[] }).issues).toContainEqual(
      expect.objectContaining({ nodeId: "ask", pointer: "/nodes/2/data/variable", severity: "error" }),
    );
    const untestable = await answer(await flowSessions.POST(json("POST", `/flows/${id}/sessions`, {}), params({ id })));
    expect([untestable.status, untestable.body.error?.code]).toEqual([400, "invalid_flow"]);

    // A draft may have graph errors; the answer says so.
    const broken = await answer(
      await flow.PUT(json("PUT", `/flows/${id}`, { revision: 3, graph: { ...graph, nodes: graph.nodes.slice(1) } }), params({ id })),
    );
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({ flow: { revision: 4 }, validation: { ok: false } });

    const exported = await flowExport.GET(get(`/flows/${id}/export`), params({ id }));
    expect(exported.headers.get("content-disposition")).toContain('attachment; filename="Renamed.switchboard.json"');
    expect(await exported.json()).toMatchObject({ format: "switchboard.flow", name: "Renamed" });

    expect(
      (await flow.DELETE(new Request(`${base}/flows/${id}`, { method: "DELETE", headers: { cookie: me.cookie } }), params({ id }))).status,
    ).toBe(204);
    expect((await flow.GET(get(`/flows/${id}`), params({ id }))).status).toBe(404);
  });

  it("imports any draft the editor saves, problems and all, or points at what makes a file no flow", async () => {
    expect((await answer(await flowImport.POST(raw("POST", "/flows/import", "not json at all"), none))).body.error?.code).toBe(
      "invalid_json",
    );
    const document = { format: "switchboard.flow", name: "Imported", graph: flowTemplates[0]!.graph() };
    document.graph.edges[2] = { ...document.graph.edges[2]!, target: "ghost" };
    const withProblems = await answer(await flowImport.POST(json("POST", "/flows/import", document), none));
    expect(withProblems.status).toBe(201);
    expect(withProblems.body).toMatchObject({ flow: { name: "Imported", revision: 1 }, validation: { ok: false } });
    expect((withProblems.body.validation as { issues: unknown[] }).issues).toContainEqual(
      expect.objectContaining({ pointer: "/edges/2/target" }),
    );

    const notAFlow = {
      ...document,
      graph: { ...document.graph, nodes: [{ id: "hello", kind: "say", position: { x: 0, y: 0 }, data: { text: 42 } }] },
    };
    const refused = await answer(await flowImport.POST(json("POST", "/flows/import", notAFlow), none));
    expect([refused.status, refused.body.error?.code]).toEqual([400, "invalid_flow"]);
    expect(refused.body.error?.issues).toContainEqual(expect.objectContaining({ pointer: "/graph/nodes/0/data/text", nodeId: "hello" }));

    const ok = await answer(await flowImport.POST(json("POST", "/flows/import", { ...document, graph: flowTemplates[0]!.graph() }), none));
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ flow: { name: "Imported", revision: 1 }, validation: { ok: true } });

    const validation = await answer(await validate.POST(json("POST", "/flows/validate", { graph: document.graph }), none));
    expect(validation.body.validation).toMatchObject({ ok: false });
    expect((validation.body.validation as { issues: unknown[] }).issues).toContainEqual(
      expect.objectContaining({ pointer: "/edges/2/target" }),
    );
  });

  it("publishes versions and issues session tokens only for runnable flows", async () => {
    const created = await answer(await flows.POST(json("POST", "/flows", { name: "Tokens", templateId: "appointment-booking" }), none));
    const { id } = created.body.flow as { id: string };
    const published = await answer(await flowVersions.POST(json("POST", `/flows/${id}/versions`, { revision: 1 }), params({ id })));
    expect(published.status).toBe(201);
    const version = published.body.version as { id: string; version: number };
    expect(version.version).toBe(1);
    expect((await answer(await flowVersions.GET(get(`/flows/${id}/versions`), params({ id })))).body.versions).toHaveLength(1);

    const draftToken = await answer(await flowSessions.POST(raw("POST", `/flows/${id}/sessions`, ""), params({ id })));
    expect(draftToken.status).toBe(201);
    expect(await verifySessionToken(draftToken.body.token, signingSecret())).toMatchObject({
      sub: me.user.id,
      workspaceId: LOCAL_WORKSPACE.id,
      flowId: id,
    });
    const versionToken = await answer(
      await flowSessions.POST(json("POST", `/flows/${id}/sessions`, { versionId: version.id }), params({ id })),
    );
    expect(await verifySessionToken(versionToken.body.token, signingSecret())).toMatchObject({ versionId: version.id });
    expect((await flowSessions.POST(json("POST", `/flows/${id}/sessions`, { versionId: "nope" }), params({ id }))).status).toBe(404);

    const blank = await answer(await flows.POST(json("POST", "/flows", { name: "Blank" }), none));
    const blankId = (blank.body.flow as { id: string }).id;
    const refused = await answer(await flowSessions.POST(json("POST", `/flows/${blankId}/sessions`, {}), params({ id: blankId })));
    expect([refused.status, refused.body.error?.code]).toEqual([400, "invalid_flow"]);
    const unpublishable = await answer(
      await flowVersions.POST(json("POST", `/flows/${blankId}/versions`, { revision: 1 }), params({ id: blankId })),
    );
    expect([unpublishable.status, unpublishable.body.error?.code]).toEqual([400, "invalid_flow"]);
  });

  it("starts a LiveKit call through the runtime with a session token for the flow (503 when LiveKit is off or no runtime runs)", async () => {
    const created = await answer(await flows.POST(json("POST", "/flows", { name: "LiveKit", templateId: "appointment-booking" }), none));
    const { id } = created.body.flow as { id: string };
    const start = (body: unknown) => flowLiveKitCalls.POST(json("POST", `/flows/${id}/livekit-calls`, body), params({ id }));
    const noRuntime = await answer(await start({}));
    expect([noRuntime.status, noRuntime.body.error?.code]).toEqual([503, "runtime_unreachable"]);

    const asked: Array<{ sessionToken: string; trace?: boolean }> = [];
    let outcome: LiveKitCallOutcome = { kind: "unavailable", message: "LiveKit is off: set LIVEKIT_URL, …" };
    const host: SessionControl = {
      endSession: async () => ({ kind: "gone" }),
      startLiveKitCall: async (sessionToken, options) => {
        asked.push({ sessionToken, ...options });
        return outcome;
      },
    };
    installSessionControl(host);
    try {
      const off = await answer(await start({}));
      expect([off.status, off.body.error]).toEqual([503, { code: "livekit_unavailable", message: "LiveKit is off: set LIVEKIT_URL, …" }]);
      const grant: LiveKitCallGrant = {
        sessionId: randomUUID(),
        url: "ws://127.0.0.1:7880",
        roomName: "switchboard-room",
        identity: "caller-1",
        token: "a.livekit.jwt",
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      };
      outcome = { kind: "started", call: grant };
      const started = await answer(await start({ trace: true }));
      expect([started.status, started.body]).toEqual([201, grant]);
      expect(asked.at(-1)?.trace).toBe(true);
      // What the runtime is handed is a session token for this flow and user, checked by it as a handshake's is.
      expect(await verifySessionToken(asked.at(-1)?.sessionToken, signingSecret())).toMatchObject({
        sub: me.user.id,
        workspaceId: LOCAL_WORKSPACE.id,
        flowId: id,
      });
      outcome = { kind: "refused", code: "server_busy", message: "This server is at capacity; try again shortly" };
      expect((await answer(await start({}))).body.error?.code).toBe("server_busy");
      const unknown = await answer(await start({ transport: "carrier pigeon" }));
      expect(unknown.status).toBe(400);
      expect((await start({ versionId: "nope" })).status).toBe(404);
    } finally {
      uninstallSessionControl(host);
    }
  });

  it("lists sessions and ends a live one through the runtime (503 with no runtime to reach, 404 unknown, 409 ended)", async () => {
    const { db } = current();
    const recorder = createSessionRecorder(db);
    const live = randomUUID();
    const ended = randomUUID();
    for (const id of [live, ended]) {
      recorder.listener(id, {
        type: "session.started",
        meta: { sessionId: id, source: { kind: "draft", flowId: "f", revision: 1 }, transport: "memory", userId: me.user.id },
        seq: 1,
        at: Date.now(),
      });
    }
    recorder.listener(ended, { type: "session.ended", reason: "completed", seq: 2, at: Date.now() });
    await recorder.flush();

    const listed = await answer(await sessions.GET(get("/sessions?flowId=f"), none));
    expect((listed.body.sessions as Array<{ id: string }>).map((s) => s.id).sort()).toEqual([live, ended].sort());

    const end = (id: string, body: unknown) => sessionEnd.POST(json("POST", `/sessions/${id}/end`, body), params({ id }));
    const noRuntime = await answer(await end(live, {}));
    expect([noRuntime.status, noRuntime.body.error?.code]).toEqual([503, "runtime_unreachable"]);

    const registry = new RecordingRegistry(new Set([live]));
    const host: SessionControl = {
      endSession: async (sessionId, reason, options) =>
        registry.terminate(sessionId, reason, options?.goodbye ? { goodbye: options.goodbye } : {}) ? { kind: "ended" } : { kind: "gone" },
      startLiveKitCall: async () => ({ kind: "unavailable", message: "not in this test" }),
    };
    installSessionControl(host);
    try {
      const accepted = await answer(await end(live, { goodbye: "An operator ended this call." }));
      expect([accepted.status, accepted.body]).toEqual([202, { ended: true }]);
      expect(registry.terminated).toEqual([{ sessionId: live, reason: "operator", goodbye: "An operator ended this call." }]);
      const again = await answer(await end(ended, {}));
      expect([again.status, again.body.error?.code]).toEqual([409, "session_ended"]);
      expect((await end(randomUUID(), {})).status).toBe(404);
    } finally {
      uninstallSessionControl(host);
    }
  });

  it("keeps a flow's history: created, a run of saves as one line, a rename, a publish, each with who", async () => {
    const created = await answer(await flows.POST(json("POST", "/flows", { name: "Told", templateId: "appointment-booking" }), none));
    const made = created.body.flow as { id: string; graph: unknown };
    const id = made.id;
    let revision = 1;
    for (let save = 0; save < 3; save++) {
      const saved = await answer(
        await flow.PUT(json("PUT", `/flows/${id}`, { revision, name: "Told", graph: made.graph }), params({ id })),
      );
      revision = (saved.body.flow as { revision: number }).revision;
    }
    await flow.PUT(json("PUT", `/flows/${id}`, { revision, name: "Retold", graph: made.graph }), params({ id }));
    await flowVersions.POST(json("POST", `/flows/${id}/versions`, { revision: revision + 1 }), params({ id }));
    const history = await answer(await flowHistory.GET(get(`/flows/${id}/history`), params({ id })));
    expect(history.status).toBe(200);
    const lines = history.body.history as Array<{ kind: string; count: number; detail: unknown; actor: { name: string } }>;
    expect(lines.map(({ kind, count }) => [kind, count])).toEqual([
      ["published", 1],
      ["renamed", 1],
      ["edited", 4],
      ["created", 1],
    ]);
    expect(lines[0]!.detail).toEqual({ version: 1 });
    expect(lines[1]!.detail).toEqual({ from: "Told", to: "Retold" });
    expect(new Set(lines.map((line) => line.actor.name))).toEqual(new Set([me.user.name]));
  });
});
