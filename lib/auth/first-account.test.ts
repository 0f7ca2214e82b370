import { afterAll, beforeAll, expect, it } from "vitest";
import { closeDatabase, database } from "../db/database";
import { seed } from "../db/seed";
import { describeEachDatabase } from "../db/test-databases";
import { listFlows } from "../flows/flow-repository";
import { signUpForTest } from "../testing/signed-in";
import { personalWorkspaceId } from "./access";
import { hasAccounts } from "./first-account";
import { LOCAL_USER, LOCAL_WORKSPACE } from "./local-user";

describeEachDatabase("the first account of an installation", (current) => {
  const previousUrl = process.env.DATABASE_URL;
  beforeAll(async () => {
    process.env.SWITCHBOARD_SECRET ??= "test-secret-of-at-least-thirty-two-characters";
    await closeDatabase();
    process.env.DATABASE_URL = current().url;
  });
  afterAll(async () => {
    await closeDatabase();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  it("inherits the seeded workspace and sample flow when several sign up at once; the others get their own", async () => {
    const db = await database();
    expect(await hasAccounts(db)).toBe(false);
    const sample = (await listFlows(db, [LOCAL_WORKSPACE.id])).find((flow) => flow.name === "Appointment booking");
    expect(sample).toBeDefined();
    // The placeholder also belongs to a team, which its heir joins in its place.
    const team = await db.workspace.create({
      data: { name: "Early team", memberships: { create: { userId: LOCAL_USER.id, role: "owner" } } },
    });

    const people = await Promise.all(["Ada", "Bea", "Cy", "Di"].map((name) => signUpForTest({ name })));

    const heirs = await db.workspace.findMany({ where: { id: LOCAL_WORKSPACE.id }, select: { personalOwnerId: true } });
    const heir = people.find((person) => person.user.id === heirs[0]?.personalOwnerId);
    expect(heir).toBeDefined();
    expect(await db.user.findUnique({ where: { id: LOCAL_USER.id } })).toBeNull();
    expect(await db.flow.findUniqueOrThrow({ where: { id: sample!.id }, select: { createdById: true } })).toEqual({
      createdById: heir!.user.id,
    });
    expect(
      await db.membership.findMany({
        where: { userId: heir!.user.id },
        select: { workspaceId: true, role: true },
        orderBy: { workspaceId: "asc" },
      }),
    ).toEqual(
      [
        { workspaceId: LOCAL_WORKSPACE.id, role: "owner" },
        { workspaceId: team.id, role: "owner" },
      ].sort((a, b) => a.workspaceId.localeCompare(b.workspaceId)),
    );
    for (const other of people.filter((person) => person !== heir)) {
      const own = await db.workspace.findUniqueOrThrow({
        where: { personalOwnerId: other.user.id },
        include: { memberships: true, flows: true },
      });
      expect(own).toMatchObject({ name: "Personal", flows: [], memberships: [{ userId: other.user.id, role: "owner" }] });
    }

    // A restart seeds nothing again: no placeholder, no second sample flow.
    expect(await seed(db)).toEqual({ createdSampleFlow: false });
    expect(await db.user.findUnique({ where: { id: LOCAL_USER.id } })).toBeNull();
    expect(await db.flow.count({ where: { name: "Appointment booking" } })).toBe(1);
  });

  it("gives an account that lost its personal workspace (a sign-up stopped halfway) a new one where a flow goes", async () => {
    const db = await database();
    const person = await signUpForTest({ name: "Halfway" });
    await db.workspace.delete({ where: { personalOwnerId: person.user.id } });
    // Several requests at once repair it once.
    const ids = await Promise.all([1, 2, 3].map(() => personalWorkspaceId(db, person.user)));
    expect(new Set(ids).size).toBe(1);
    expect(await db.workspace.findUniqueOrThrow({ where: { id: ids[0] }, include: { memberships: true } })).toMatchObject({
      name: "Personal",
      personalOwnerId: person.user.id,
      memberships: [{ userId: person.user.id, role: "owner" }],
    });
  });
});
