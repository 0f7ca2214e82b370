import { randomUUID } from "node:crypto";
import { afterEach, expect, it } from "vitest";
import { LOCAL_USER } from "../auth/local-user";
import { isDatabaseUnreachable } from "../db/unreachable";
import { describeEachDatabase } from "../db/test-databases";
import { flowTemplates } from "../flow/samples";
import { createFlow, deleteFlow, publishFlowVersion, updateFlow } from "../flows/flow-repository";
import { runtimeDatabaseThread, type RuntimeDatabase } from "./runtime-database-thread";

const owner = LOCAL_USER.id;
const sample = () => flowTemplates[0]!.graph();
const meta = (sessionId: string) => ({
  sessionId,
  source: { kind: "draft" as const, flowId: "flow-1", revision: 1 },
  transport: "socketio",
  userId: owner,
});

let opened: RuntimeDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.map((thread) => thread.close()));
  opened = [];
});
const threadFor = (url: string) => {
  const thread = runtimeDatabaseThread(url);
  opened.push(thread);
  return thread;
};

describeEachDatabase("the runtime's database thread", (current) => {
  it("reads a draft's graph only when the runtime has not compiled its revision, for its owner only", async () => {
    const { db, url } = current();
    const { lookup } = threadFor(url);
    const flow = await createFlow(db, owner, { name: "Thread", graph: sample() });

    const first = await lookup.draft(owner, flow.id);
    expect(first).toEqual({ revision: flow.revision, graph: flow.graph });
    expect(await lookup.draft(owner, flow.id, flow.revision)).toEqual({ revision: flow.revision });

    const saved = await updateFlow(db, owner, flow.id, { revision: flow.revision, name: "Saved" });
    expect(await lookup.draft(owner, flow.id, flow.revision)).toEqual({ revision: saved.revision, graph: flow.graph });

    expect(await lookup.draft("someone-else", flow.id)).toBeNull();
    await deleteFlow(db, owner, flow.id);
    expect(await lookup.draft(owner, flow.id)).toBeNull();
  });

  it("reads a published version, its graph left out when known, and not through another flow's id", async () => {
    const { db, url } = current();
    const { lookup } = threadFor(url);
    const flow = await createFlow(db, owner, { name: "Versions", graph: sample() });
    const other = await createFlow(db, owner, { name: "Other", graph: sample() });
    const published = await publishFlowVersion(db, owner, flow.id, flow.revision, owner);

    expect(await lookup.version(owner, flow.id, published.id)).toEqual({ id: published.id, version: published.version, graph: flow.graph });
    expect(await lookup.version(owner, flow.id, published.id, true)).toEqual({ id: published.id, version: published.version });
    expect(await lookup.version(owner, other.id, published.id)).toBeNull();
    expect(await lookup.version("someone-else", flow.id, published.id)).toBeNull();
  });

  it("claims a session id once, for the runtime that asked", async () => {
    const { db, url } = current();
    const runtimeId = randomUUID();
    const claim = threadFor(url).claim(runtimeId);
    const id = randomUUID();

    const answers = await Promise.all([claim(meta(id)), claim(meta(id)), claim(meta(id))]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    const row = await db.session.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ runtimeId, status: "live", flowId: "flow-1", draftRevision: 1, userId: owner });
  });
});

it("says a database out of reach is out of reach, so the handshake answers that", async () => {
  const { lookup } = threadFor("postgresql://nobody:nothing@127.0.0.1:1/none?connect_timeout=1");
  const failure = await lookup.draft(owner, "any").catch((error: unknown) => error);
  expect(isDatabaseUnreachable(failure)).toBe(true);
});
