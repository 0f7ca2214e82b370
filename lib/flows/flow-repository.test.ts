import { expect, it } from "vitest";
import { LOCAL_USER, LOCAL_WORKSPACE } from "../auth/local-user";
import { emptyGraph, type FlowGraph } from "../flow/schema";
import { blankFlowGraph, flowTemplates } from "../flow/samples";
import { describeEachDatabase } from "../db/test-databases";
import { InvalidFlowError, FlowNotFoundError, RevisionConflictError, UnknownTemplateError } from "./flow-errors";
import {
  createFlow,
  deleteFlow,
  duplicateFlow,
  getFlow,
  getFlowVersion,
  listFlowVersions,
  listFlows,
  publishFlowVersion,
  updateFlow,
} from "./flow-repository";

/** Flows go into the local user's personal workspace; publishing names the user. */
const workspace = LOCAL_WORKSPACE.id;
const user = LOCAL_USER.id;
const sample = (): FlowGraph => flowTemplates[0]!.graph();

describeEachDatabase("flow repository", (current) => {
  it("creates blank, template and graph flows, and lists them newest edit first with node counts", async () => {
    const { db } = current();
    const blank = await createFlow(db, workspace, { name: "Blank" });
    expect(blank).toMatchObject({ name: "Blank", revision: 1, graph: blankFlowGraph() });
    const fromTemplate = await createFlow(db, workspace, { name: "Booking", templateId: "appointment-booking" });
    expect(fromTemplate.graph).toEqual(sample());
    await expect(createFlow(db, workspace, { name: "Nope", templateId: "missing" })).rejects.toBeInstanceOf(UnknownTemplateError);

    const listed = await listFlows(db, [workspace]);
    expect(listed[0]).toMatchObject({ id: fromTemplate.id, nodeCount: sample().nodes.length });
    expect(listed.map((flow) => flow.id)).toContain(blank.id);
  });

  it("lists exactly the summary fields, counts 0 nodes for a stored graph without a node array, and nothing for no workspaces", async () => {
    const { db } = current();
    const odd = await createFlow(db, workspace, { name: "Odd row" });
    // A row written by an older version or by hand: the list must show it, not fail on it.
    await db.flow.update({ where: { id: odd.id }, data: { graph: { schemaVersion: 1, nodes: "not a list" } } });
    const listed = await listFlows(db, [workspace, "no-such-workspace"]);
    expect(listed[0]).toEqual({
      id: odd.id,
      workspaceId: workspace,
      name: "Odd row",
      revision: 1,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      nodeCount: 0,
    });
    expect(await listFlows(db, [])).toEqual([]);
    expect(await listFlows(db, ["no-such-workspace"])).toEqual([]);
  });

  it("refuses a graph of the wrong shape with addressed issues but keeps a draft with broken fields and graph-level errors", async () => {
    const { db } = current();
    const broken = { schemaVersion: 1, nodes: [{ id: "s", kind: "start", position: { x: 0 }, data: {} }], edges: [] };
    const refused = await createFlow(db, workspace, { name: "Broken", graph: broken }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidFlowError);
    expect((refused as InvalidFlowError).issues[0]).toMatchObject({ pointer: "/nodes/0/position/y", nodeId: "s" });

    // A lone Say node: no Start, unreachable. Fine for a draft.
    const draft: FlowGraph = { ...emptyGraph(), nodes: [{ id: "say", kind: "say", position: { x: 0, y: 0 }, data: { text: "hi" } }] };
    const saved = await createFlow(db, workspace, { name: "Draft", graph: draft });
    expect(saved.graph).toEqual(draft);

    // A variable named `my var!`: a problem on its node, not a refused save; and it reads back as stored.
    const badName: FlowGraph = {
      ...emptyGraph(),
      nodes: [{ id: "ask", kind: "listen", position: { x: 0, y: 0 }, data: { timeoutSeconds: 0, variable: "my var!" } }],
    };
    const kept = await createFlow(db, workspace, { name: "Bad name", graph: badName });
    const updated = await updateFlow(db, workspace, kept.id, { revision: 1, graph: badName });
    expect((await getFlow(db, workspace, kept.id))?.graph).toEqual(badName);
    expect(updated.revision).toBe(2);
  });

  it("lets exactly one of two saves based on the same revision win; the other gets the winner", async () => {
    const { db } = current();
    const flow = await createFlow(db, workspace, { name: "Race", templateId: "appointment-booking" });
    const mine = { ...flow.graph, nodes: flow.graph.nodes.map((node) => ({ ...node, position: { x: node.position.x + 1, y: 0 } })) };
    const theirs = { ...flow.graph, nodes: flow.graph.nodes.slice(0, 3) };

    const results = await Promise.allSettled([
      updateFlow(db, workspace, flow.id, { revision: 1, graph: mine, name: "Mine" }),
      updateFlow(db, workspace, flow.id, { revision: 1, graph: theirs, name: "Theirs" }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof updateFlow>>>).value;
    const conflict = (lost[0] as PromiseRejectedResult).reason as unknown;
    expect(winner.revision).toBe(2);
    expect(conflict).toBeInstanceOf(RevisionConflictError);
    expect((conflict as RevisionConflictError).current).toEqual(winner);

    // Nothing lost: the loser rebases on the current revision and saves.
    const loserName = winner.name === "Mine" ? "Theirs" : "Mine";
    const rebased = await updateFlow(db, workspace, flow.id, { revision: 2, name: loserName });
    expect(rebased).toMatchObject({ revision: 3, name: loserName, graph: winner.graph });
    expect(rebased.updatedAt.getTime()).toBeGreaterThanOrEqual(flow.updatedAt.getTime());
  });

  it("duplicates, soft-deletes and hides other workspaces' flows", async () => {
    const { db } = current();
    const flow = await createFlow(db, workspace, { name: "Original", templateId: "appointment-booking" });
    const copy = await duplicateFlow(db, workspace, flow.id);
    expect(copy).toMatchObject({ name: "Original (copy)", revision: 1, graph: flow.graph });
    expect(copy.id).not.toBe(flow.id);

    await db.workspace.create({ data: { id: "elsewhere", name: "Elsewhere" } });
    expect(await getFlow(db, "elsewhere", flow.id)).toBeNull();
    expect(await listFlows(db, ["elsewhere"])).toEqual([]);
    await expect(deleteFlow(db, "elsewhere", flow.id)).rejects.toBeInstanceOf(FlowNotFoundError);

    await deleteFlow(db, workspace, flow.id);
    expect(await getFlow(db, workspace, flow.id)).toBeNull();
    expect((await listFlows(db, [workspace])).map((f) => f.id)).not.toContain(flow.id);
    await expect(deleteFlow(db, workspace, flow.id)).rejects.toBeInstanceOf(FlowNotFoundError);
    await expect(updateFlow(db, workspace, flow.id, { revision: 1, name: "x" })).rejects.toBeInstanceOf(FlowNotFoundError);
  });

  it("publishes numbered immutable versions of a runnable draft at its revision", async () => {
    const { db } = current();
    const flow = await createFlow(db, workspace, { name: "Publish", templateId: "appointment-booking" });
    const v1 = await publishFlowVersion(db, workspace, flow.id, 1, user);
    expect(v1).toMatchObject({ flowId: flow.id, version: 1 });
    await expect(publishFlowVersion(db, workspace, flow.id, 0, user)).rejects.toBeInstanceOf(RevisionConflictError);

    const edited = await updateFlow(db, workspace, flow.id, { revision: 1, graph: { ...flow.graph, nodes: flow.graph.nodes.slice(1) } });
    const refused = await publishFlowVersion(db, workspace, flow.id, edited.revision, user).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidFlowError);
    expect((refused as InvalidFlowError).issues.some((issue) => issue.code === "flow.no_start")).toBe(true);

    await updateFlow(db, workspace, flow.id, { revision: 2, graph: flow.graph });
    const [v2, v3] = await Promise.all([
      publishFlowVersion(db, workspace, flow.id, 3, user),
      publishFlowVersion(db, workspace, flow.id, 3, user),
    ]);
    expect([v2!.version, v3!.version].sort()).toEqual([2, 3]);

    const versions = await listFlowVersions(db, workspace, flow.id);
    expect(versions?.map((v) => v.version)).toEqual([3, 2, 1]);
    const one = await getFlowVersion(db, workspace, flow.id, v1.id);
    expect(one).toMatchObject({ id: v1.id, version: 1, graph: flow.graph });
    expect(await getFlowVersion(db, "someone-else", flow.id, v1.id)).toBeNull();
    expect(await listFlowVersions(db, workspace, "missing")).toBeNull();
  });
});
