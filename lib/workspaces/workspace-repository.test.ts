import { expect, it } from "vitest";
import { LOCAL_USER, LOCAL_WORKSPACE } from "../auth/local-user";
import { authorize } from "../auth/access";
import { describeEachDatabase } from "../db/test-databases";
import { createFlow, deleteFlow, duplicateFlow, getFlow, moveFlow } from "../flows/flow-repository";
import { MemberNotFoundError, WorkspaceRuleError } from "./workspace-errors";
import { createWorkspace, listMembers, listWorkspaces, removeMember, setMemberRole } from "./workspace-repository";

const local = { id: LOCAL_USER.id };

describeEachDatabase("workspaces", (current) => {
  it("lists the caller's workspaces with their role, personal first, and a team's members owners first", async () => {
    const { db } = current();
    await db.user.create({ data: { id: "ada", email: "ada@example.invalid", name: "Ada" } });
    const team = await createWorkspace(db, local.id, "Support team");
    await db.membership.create({ data: { workspaceId: team.id, userId: "ada", role: "editor" } });
    const workspaces = await listWorkspaces(db, local.id);
    expect(workspaces.map(({ name, personal, role }) => ({ name, personal, role }))).toEqual([
      { name: "Personal", personal: true, role: "owner" },
      { name: "Support team", personal: false, role: "owner" },
    ]);
    expect(workspaces[1]!.memberCount).toBe(2);
    expect((await listMembers(db, team.id)).map(({ name, role }) => [name, role])).toEqual([
      ["Local user", "owner"],
      ["Ada", "editor"],
    ]);
    expect(await listWorkspaces(db, "ada")).toEqual([expect.objectContaining({ id: team.id, role: "editor" })]);
  });

  it("keeps an owner: the last one can neither step down nor leave, even when two owners demote each other at once", async () => {
    const { db } = current();
    await db.user.create({ data: { id: "bob", email: "bob@example.invalid", name: "Bob" } });
    const team = await createWorkspace(db, local.id, "Two owners");
    await db.membership.create({ data: { workspaceId: team.id, userId: "bob", role: "owner" } });
    const outcomes = await Promise.allSettled([
      setMemberRole(db, team.id, local.id, "editor"),
      setMemberRole(db, team.id, "bob", "editor"),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(WorkspaceRuleError);
    expect(await db.membership.count({ where: { workspaceId: team.id, role: "owner" } })).toBe(1);
    const owner = (await listMembers(db, team.id)).find((member) => member.role === "owner")!;
    await expect(removeMember(db, team.id, owner.userId)).rejects.toMatchObject({ code: "last_owner" });
    await expect(setMemberRole(db, team.id, "nobody", "viewer")).rejects.toBeInstanceOf(MemberNotFoundError);
    // The editor may leave; the personal workspace keeps its person.
    const editor = (await listMembers(db, team.id)).find((member) => member.role === "editor")!;
    await removeMember(db, team.id, editor.userId);
    expect(await listMembers(db, team.id)).toHaveLength(1);
    await expect(removeMember(db, LOCAL_WORKSPACE.id, local.id)).rejects.toMatchObject({ code: "personal_workspace" });
  });

  it("moves a flow with its sessions, and copies one into another workspace; a removed member loses access at once", async () => {
    const { db } = current();
    await db.user.create({ data: { id: "cy", email: "cy@example.invalid", name: "Cy" } });
    const team = await createWorkspace(db, local.id, "Moves");
    await db.membership.create({ data: { workspaceId: team.id, userId: "cy", role: "viewer" } });
    const flow = await createFlow(db, LOCAL_WORKSPACE.id, { name: "Mover", templateId: "appointment-booking" }, local.id);
    await db.session.create({
      data: {
        id: crypto.randomUUID(),
        flowId: flow.id,
        workspaceId: LOCAL_WORKSPACE.id,
        sourceKind: "draft",
        draftRevision: 1,
        transport: "socketio",
        startedAt: new Date(),
      },
    });
    const moved = await moveFlow(db, LOCAL_WORKSPACE.id, flow.id, team.id);
    expect(moved).toMatchObject({ id: flow.id, workspaceId: team.id, revision: flow.revision });
    expect(await getFlow(db, LOCAL_WORKSPACE.id, flow.id)).toBeNull();
    expect(await db.session.findMany({ where: { flowId: flow.id }, select: { workspaceId: true } })).toEqual([{ workspaceId: team.id }]);
    // The team's viewer now sees it, and no longer once removed.
    await expect(authorize(db, { id: "cy" }, "read", { flowId: flow.id })).resolves.toMatchObject({ role: "viewer" });
    await removeMember(db, team.id, "cy");
    await expect(authorize(db, { id: "cy" }, "read", { flowId: flow.id })).rejects.toMatchObject({ name: "AccessNotFoundError" });

    const copy = await duplicateFlow(db, team.id, flow.id, { toWorkspaceId: LOCAL_WORKSPACE.id, createdById: local.id });
    expect(copy).toMatchObject({ workspaceId: LOCAL_WORKSPACE.id, name: "Mover (copy)", revision: 1, graph: flow.graph });

    // The check is one statement over the flow and the membership: its workspace and role come back together, a
    // removed flow and an unknown id are not found, and a member of another workspace learns nothing.
    await expect(authorize(db, local, "edit", { flowId: copy.id })).resolves.toEqual({ workspaceId: LOCAL_WORKSPACE.id, role: "owner" });
    await expect(authorize(db, local, "read", { flowId: flow.id })).resolves.toEqual({ workspaceId: team.id, role: "owner" });
    await deleteFlow(db, LOCAL_WORKSPACE.id, copy.id);
    await expect(authorize(db, local, "read", { flowId: copy.id })).rejects.toMatchObject({ name: "AccessNotFoundError" });
    await expect(authorize(db, local, "read", { flowId: crypto.randomUUID() })).rejects.toMatchObject({ name: "AccessNotFoundError" });
  });
});
