import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as flowRoute from "@/app/api/flows/[id]/route";
import * as member from "@/app/api/workspaces/[id]/members/[userId]/route";
import { closeDatabase } from "@/lib/db/database";
import { describeEachDatabase } from "@/lib/db/test-databases";
import type { RunningServer } from "@/lib/server/start-server";
import { CollabTestClient } from "@/lib/testing/collab-client";
import { startCollabTestServer } from "@/lib/testing/collab-test-server";
import { signUpForTest, type SignedIn } from "@/lib/testing/signed-in";
import { requestAs, routeParams, setUpTeam } from "@/lib/testing/team-workspace";
import * as Y from "yjs";
import { installCollabNotice, uninstallCollabNotice } from "./collab-notice";
import type { CollabServer } from "./collab-server";
import type { DocumentGraph } from "./flow-doc";

const as = requestAs;
const params = routeParams;

/** A Say node's data, as the editor makes it. */
const sayNode = (id: string, text: string, x = 600) => ({ id, kind: "say", position: { x, y: 80 }, data: { text } });
const withNode = (node: ReturnType<typeof sayNode>) => (current: DocumentGraph) => ({
  name: current.name,
  graph: { ...current.graph, nodes: [...current.graph.nodes, node] },
});

/*
 * Live co-editing against the real server's Socket.IO and a real database: who may join, edits merged and passed on
 * within the second, stored before they are acknowledged, refused from viewers and for broken graphs, saves over HTTP
 * merged into the open document, and a removed member thrown out.
 */
describeEachDatabase("live co-editing", (current) => {
  const previousUrl = process.env.DATABASE_URL;
  let server: RunningServer;
  let collab: CollabServer;
  let owner: SignedIn;
  let ed: SignedIn;
  let vera: SignedIn;
  let outsider: SignedIn;
  let workspaceId: string;
  let flowId: string;
  const clients: CollabTestClient[] = [];
  const join = async (who: SignedIn | null) => {
    const client = new CollabTestClient(server.url, flowId, who?.cookie);
    clients.push(client);
    await client.joined();
    return client;
  };
  const stored = async () =>
    current().db.flow.findUniqueOrThrow({ where: { id: flowId }, select: { graph: true, revision: true, name: true } });
  const storedNodeIds = async () => ((await stored()).graph as { nodes: { id: string }[] }).nodes.map((node) => node.id);

  beforeAll(async () => {
    process.env.SWITCHBOARD_SECRET ??= "test-secret-of-at-least-thirty-two-characters";
    await closeDatabase();
    process.env.DATABASE_URL = current().url;
    ({ server, collab } = await startCollabTestServer(current()));
    installCollabNotice(collab);
    owner = await signUpForTest({ name: "Olivia Owner" });
    ed = await signUpForTest({ name: "Ed Editor" });
    vera = await signUpForTest({ name: "Vera Viewer" });
    outsider = await signUpForTest({ name: "Oscar Outsider" });
    ({ workspaceId, flowId } = await setUpTeam(current().db, owner, [
      { who: ed, role: "editor" },
      { who: vera, role: "viewer" },
    ]));
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    uninstallCollabNotice(collab);
    await collab?.close();
    await server?.stop();
    await closeDatabase();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  describe("who may join", () => {
    it("refuses a caller without an account, and a signed-in person outside the workspace", async () => {
      await expect(join(null)).rejects.toThrow("unauthenticated");
      await expect(join({ ...outsider, cookie: "switchboard.session_token=forged.signature" })).rejects.toThrow("unauthenticated");
      await expect(join(outsider)).rejects.toThrow("flow_not_found");
    });

    it("welcomes members with the stored draft and their role, and tells each who else is here", async () => {
      const ownerClient = await join(owner);
      const joined = ownerClient.events[0]?.data as { role: string; revision: number };
      expect(joined.role).toBe("owner");
      expect(ownerClient.graph().name).toBe("Booking");
      expect(ownerClient.graph().graph.nodes.map((node) => node.id)).toEqual(await storedNodeIds());
      const viewer = await join(vera);
      expect((viewer.events[0]?.data as { role: string; peers: { name: string }[] }).role).toBe("viewer");
      expect((viewer.events[0]?.data as { peers: { name: string }[] }).peers.map((peer) => peer.name)).toEqual(["Olivia Owner"]);
      await ownerClient.waitFor((event) => event.event === "peer" && event.data.name === "Vera Viewer");
      viewer.presence({ cursor: { x: 10, y: 20 }, selection: ["start"] });
      const seen = await ownerClient.waitFor((event) => event.event === "peer" && event.data.cursor?.x === 10);
      expect(seen.data).toMatchObject({ name: "Vera Viewer", role: "viewer", selection: ["start"] });
      ownerClient.close();
      viewer.close();
    });
  });

  describe("editing together", () => {
    it("passes each person's edit to the other, merges concurrent ones, and stores both before acknowledging", async () => {
      const [a, b] = [await join(owner), await join(ed)];
      const before = (await stored()).revision;
      const [ackA, ackB] = await Promise.all([
        a.edit(withNode(sayNode("say-from-olivia", "Hello from Olivia"))),
        b.edit((graph) => ({ ...graph, name: "Booking desk" })),
      ]);
      expect(ackA).toMatchObject({ ok: true });
      expect(ackB).toMatchObject({ ok: true });
      // Acknowledged means stored: the database has both changes now.
      const row = await stored();
      expect(row.name).toBe("Booking desk");
      expect(await storedNodeIds()).toContain("say-from-olivia");
      expect(row.revision).toBeGreaterThan(before);
      await expect.poll(() => b.graph().graph.nodes.some((node) => node.id === "say-from-olivia"), { timeout: 1000 }).toBe(true);
      await expect.poll(() => a.graph().name, { timeout: 1000 }).toBe("Booking desk");
      // The history says who changed it.
      const history = await current().db.flowChange.findMany({ where: { flowId }, select: { kind: true, actorId: true } });
      expect(history).toEqual(
        expect.arrayContaining([
          { kind: "edited", actorId: owner.user.id },
          { kind: "renamed", actorId: ed.user.id },
        ]),
      );
      a.close();
      b.close();
    });

    it("stores edits within about a second while someone keeps editing (never waiting for a quiet moment)", async () => {
      const editor = await join(ed);
      const { graph } = editor.graph();
      const node = graph.nodes[0];
      if (!node) throw new Error("the flow has no nodes");
      let firstAck: number | null = null;
      const acks: Promise<unknown>[] = [];
      const started = Date.now();
      // A drag: an update every 50 ms for 2.5 s, quicker than the 150 ms of quiet that would store them.
      for (let step = 1; step <= 50; step++) {
        const ack = editor
          .edit((current) => ({
            name: current.name,
            graph: {
              ...current.graph,
              nodes: current.graph.nodes.map((one) =>
                one.id === node.id ? { ...one, position: { x: one.position.x + 1, y: one.position.y } } : one,
              ),
            },
          }))
          .then((answer) => {
            if (answer.ok) firstAck ??= Date.now();
          });
        acks.push(ack);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(firstAck).not.toBeNull();
      // Every edit is answered (stored) before the editor leaves.
      await Promise.all(acks);
      expect(firstAck! - started).toBeLessThan(2000);
      editor.close();
    });

    it("refuses a viewer's update, garbage, and an edit that breaks the flow, changing nothing", async () => {
      const viewer = await join(vera);
      const editor = await join(ed);
      const before = await stored();
      expect(await viewer.edit(withNode(sayNode("say-from-vera", "Sneaky")))).toMatchObject({ ok: false, code: "read_only" });
      expect(await editor.send(new Uint8Array([1, 2, 3, 255, 254]))).toMatchObject({ ok: false, code: "bad_update" });
      const broken = await editor.edit((graph) => ({
        name: graph.name,
        graph: { ...graph.graph, nodes: [...graph.graph.nodes, { id: "weird", kind: "teleport", position: { x: 0, y: 0 }, data: {} }] },
      }));
      expect(broken).toMatchObject({ ok: false, code: "invalid_flow" });
      // (A client of its own: what this editor sends next builds on its refused edit, see below.)
      const renamer = await join(ed);
      expect(await renamer.edit((graph) => ({ ...graph, name: "   " }))).toMatchObject({ ok: false, code: "invalid_flow" });
      renamer.close();
      expect(await stored()).toEqual(before);
      // Nobody else's document took any of it.
      const fresh = await join(owner);
      expect(fresh.graph().graph.nodes.map((node) => node.id)).not.toContain("say-from-vera");
      expect(fresh.graph().graph.nodes.map((node) => node.id)).not.toContain("weird");
      // The copy each update is tried on took none of the refused ones either: the next valid edit is checked alone.
      expect(await fresh.edit(withNode(sayNode("say-after-refusals", "Still fine")))).toMatchObject({ ok: true });
      expect(await storedNodeIds()).toContain("say-after-refusals");
      expect(await storedNodeIds()).not.toContain("weird");
      for (const client of [viewer, editor, fresh]) client.close();
    });

    it("refuses an update that builds on a refused one, data outside the flow's maps, and a document past 2 MiB", async () => {
      const editor = await join(ed);
      const before = await stored();
      // The client keeps its refused edit; what it sends next depends on it, and is told to join again.
      expect(await editor.edit((graph) => ({ ...graph, name: "" }))).toMatchObject({ ok: false, code: "invalid_flow" });
      expect(await editor.edit((graph) => ({ ...graph, name: "Booking again" }))).toMatchObject({ ok: false, code: "out_of_step" });
      editor.close();

      const fresh = await join(ed);
      const outside = new Y.Doc();
      Y.applyUpdate(outside, Y.encodeStateAsUpdate(fresh.doc));
      const vector = Y.encodeStateVector(outside);
      outside.getMap("notes").set("hidden", "x".repeat(1000));
      expect(await fresh.send(Y.encodeStateAsUpdate(outside, vector))).toMatchObject({ ok: false, code: "invalid_flow" });
      const plain = new Y.Doc();
      Y.applyUpdate(plain, Y.encodeStateAsUpdate(fresh.doc));
      const plainVector = Y.encodeStateVector(plain);
      plain.getMap("nodes").set("plain-node", { kind: "say" });
      expect(await fresh.send(Y.encodeStateAsUpdate(plain, plainVector))).toMatchObject({
        ok: false,
        code: "invalid_flow",
        message: expect.stringContaining("shape of a flow's document"),
      });
      expect(await stored()).toEqual(before);

      // Ten Say nodes of 240,000 characters each would make a 2.4 MB draft that no save over HTTP could send.
      const answers = [];
      for (let index = 0; index < 10; index++) {
        answers.push(await fresh.edit(withNode(sayNode(`big-${index}`, String(index).repeat(240_000), 40 * index))));
        if (!answers.at(-1)!.ok) break;
      }
      expect(answers.at(-1)).toMatchObject({ ok: false, code: "too_large" });
      expect(answers.filter((answer) => answer.ok).length).toBeGreaterThan(5);
      expect(JSON.stringify((await stored()).graph).length).toBeLessThan(2 * 1024 * 1024);
      fresh.close();

      // Clean up for the tests that follow: the big nodes go.
      const cleaner = await join(owner);
      expect(
        await cleaner.edit((graph) => ({
          ...graph,
          graph: { ...graph.graph, nodes: graph.graph.nodes.filter((node) => !node.id.startsWith("big-")) },
        })),
      ).toMatchObject({ ok: true });
      cleaner.close();
    });

    it("passes presence on at most every 25 ms per person, the latest position last", async () => {
      const [mover, watcher] = [await join(ed), await join(owner)];
      const moverId = (await mover.joined()).peerId;
      const seenBefore = watcher.events.length;
      for (let step = 1; step <= 300; step++) mover.presence({ cursor: { x: step, y: 0 }, selection: step % 2 === 0 ? ["greet"] : [] });
      await expect
        .poll(() => {
          const last = watcher.events.filter((event) => event.event === "peer" && event.data.peerId === moverId).at(-1);
          return last?.event === "peer" ? last.data.cursor?.x : undefined;
        })
        .toBe(300);
      const passedOn = watcher.events.slice(seenBefore).filter((event) => event.event === "peer" && event.data.peerId === moverId);
      // 300 messages sent at once (selection changing on every other one) reach the others as a handful.
      expect(passedOn.length).toBeLessThan(10);
      mover.close();
      watcher.close();
    });

    it("merges a save over HTTP into the open document, keeping a teammate's concurrent edit", async () => {
      const editor = await join(ed);
      const row = await stored();
      const graph = row.graph as { nodes: unknown[] };
      const saved = await flowRoute.PUT(
        as(owner, `/flows/${flowId}`, {
          method: "PUT",
          body: { revision: row.revision, graph: { ...graph, nodes: [...graph.nodes, sayNode("say-over-http", "Saved over HTTP", 900)] } },
        }),
        params({ id: flowId }),
      );
      expect(saved.status).toBe(200);
      await expect.poll(() => editor.graph().graph.nodes.some((node) => node.id === "say-over-http"), { timeout: 2000 }).toBe(true);
      expect(await editor.edit(withNode(sayNode("say-after-http", "And after")))).toMatchObject({ ok: true });
      expect(await storedNodeIds()).toEqual(expect.arrayContaining(["say-over-http", "say-after-http", "say-from-olivia"]));
      editor.close();
    });

    it("resumes the same document after everyone left", async () => {
      const first = await join(ed);
      const generation = (first.events[0]?.data as { generation: string }).generation;
      expect(await first.edit(withNode(sayNode("say-before-leaving", "Bye")))).toMatchObject({ ok: true });
      first.close();
      await expect.poll(() => collab.openFlows, { timeout: 2000 }).toBe(0);
      const again = await join(ed);
      expect((again.events[0]?.data as { generation: string }).generation).toBe(generation);
      expect(again.graph().graph.nodes.map((node) => node.id)).toContain("say-before-leaving");
      // A client holding the old document merges into it without duplicating anything.
      Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(first.doc));
      expect(again.graph().graph.nodes.filter((node) => node.id === "say-before-leaving")).toHaveLength(1);
      again.close();
    });
  });

  describe("when access changes", () => {
    it("makes a new viewer read-only at once, and throws a removed member out", async () => {
      const edClient = await join(ed);
      const demoted = await member.PUT(
        as(owner, `/workspaces/${workspaceId}/members/${ed.user.id}`, { method: "PUT", body: { role: "viewer" } }),
        params({ id: workspaceId, userId: ed.user.id }),
      );
      expect(demoted.status).toBe(200);
      await edClient.waitFor((event) => event.event === "role" && event.data.role === "viewer");
      expect(await edClient.edit(withNode(sayNode("say-demoted", "No")))).toMatchObject({ ok: false, code: "read_only" });

      const veraClient = await join(vera);
      const removed = await member.DELETE(
        as(owner, `/workspaces/${workspaceId}/members/${vera.user.id}`, { method: "DELETE" }),
        params({ id: workspaceId, userId: vera.user.id }),
      );
      expect(removed.status).toBe(204);
      const refusal = await veraClient.waitFor((event) => event.event === "refused");
      expect(refusal.data).toMatchObject({ code: "access_revoked" });
      await veraClient.waitFor((event) => event.event === "disconnect");
      await expect(join(vera)).rejects.toThrow("flow_not_found");
      edClient.close();
    });
  });
});
