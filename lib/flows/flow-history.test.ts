import { expect, it } from "vitest";
import { LOCAL_USER, LOCAL_WORKSPACE } from "../auth/local-user";
import { describeEachDatabase } from "../db/test-databases";
import { EDIT_RUN_MS, flowHistory, recordFlowChange } from "./flow-history";
import { createFlow, deleteFlow } from "./flow-repository";

describeEachDatabase("flow history", (current) => {
  it("keeps one line per run of saves by one person, and a new line for someone else, another kind, or a pause", async () => {
    const { db } = current();
    await db.user.create({ data: { id: "ada", email: "ada@example.invalid", name: "Ada" } });
    const flow = await createFlow(db, LOCAL_WORKSPACE.id, { name: "History" }, LOCAL_USER.id);
    const at = (ms: number) => new Date(Date.UTC(2026, 11, 3, 9) + ms);
    await recordFlowChange(db, { flowId: flow.id, actorId: LOCAL_USER.id, kind: "created" }, at(0));
    for (let save = 0; save < 30; save++)
      await recordFlowChange(db, { flowId: flow.id, actorId: LOCAL_USER.id, kind: "edited" }, at(1_000 + save * 1_000));
    await recordFlowChange(db, { flowId: flow.id, actorId: "ada", kind: "edited" }, at(40_000));
    await recordFlowChange(db, { flowId: flow.id, actorId: "ada", kind: "renamed", detail: { from: "History", to: "Story" } }, at(41_000));
    await recordFlowChange(db, { flowId: flow.id, actorId: "ada", kind: "edited" }, at(42_000));
    await recordFlowChange(db, { flowId: flow.id, actorId: "ada", kind: "edited" }, at(42_000 + EDIT_RUN_MS + 1));

    const lines = (await flowHistory(db, LOCAL_WORKSPACE.id, flow.id))!;
    expect(lines.map(({ kind, actor, count }) => [kind, actor?.name, count])).toEqual([
      ["edited", "Ada", 1],
      ["edited", "Ada", 1],
      ["renamed", "Ada", 1],
      ["edited", "Ada", 1],
      ["edited", "Local user", 30],
      ["created", "Local user", 1],
    ]);
    const run = lines[4]!;
    expect([run.firstAt, run.at]).toEqual([at(1_000), at(30_000)]);
    expect(lines[2]!.detail).toEqual({ from: "History", to: "Story" });

    // Another workspace's caller reads nothing; a removed flow has no history to show.
    expect(await flowHistory(db, "elsewhere", flow.id)).toBeNull();
    await deleteFlow(db, LOCAL_WORKSPACE.id, flow.id);
    expect(await flowHistory(db, LOCAL_WORKSPACE.id, flow.id)).toBeNull();
  });
});
