import { expect, it } from "vitest";
import { LOCAL_USER, LOCAL_WORKSPACE } from "../auth/local-user";
import { describeEachDatabase } from "../db/test-databases";
import { linkSecretHash } from "../secrets/link-secret";
import { ShareLinkError } from "./flow-errors";
import { createFlow, deleteFlow } from "./flow-repository";
import { createShareLink, listShareLinks, openShareLink, revokeShareLink } from "./share-links";

const problemOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "opened",
    (error: unknown) => (error instanceof ShareLinkError ? error.code : error),
  );

describeEachDatabase("flow share links", (current) => {
  it("opens the flow for the secret it showed once, stores only the secret's hash, and stops at once when revoked", async () => {
    const { db } = current();
    const flow = await createFlow(db, LOCAL_WORKSPACE.id, { name: "Shared support line" }, LOCAL_USER.id);
    const made = (await createShareLink(db, { workspaceId: LOCAL_WORKSPACE.id, flowId: flow.id, createdById: LOCAL_USER.id }))!;
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.link).toMatchObject({ flowId: flow.id, createdBy: "Local user" });

    const row = await db.flowShareLink.findUniqueOrThrow({ where: { id: made.link.id } });
    expect(row.tokenHash).toBe(linkSecretHash(made.token));
    expect(JSON.stringify(row)).not.toContain(made.token);

    const opened = await openShareLink(db, made.token);
    expect(opened).toMatchObject({ id: flow.id, name: "Shared support line", revision: flow.revision, graph: flow.graph });
    expect(opened).not.toHaveProperty("workspaceId");

    expect(await problemOf(openShareLink(db, "not-a-secret-anyone-was-given"))).toBe("share_link_not_found");
    expect(await revokeShareLink(db, LOCAL_WORKSPACE.id, flow.id, made.link.id)).toBe(true);
    expect(await problemOf(openShareLink(db, made.token))).toBe("share_link_revoked");
    // Revoking twice changes nothing more.
    expect(await revokeShareLink(db, LOCAL_WORKSPACE.id, flow.id, made.link.id)).toBe(false);
  });

  it("lists a flow's live links newest first, with who made them, and only within the flow's workspace", async () => {
    const { db } = current();
    await db.user.create({ data: { id: "grace", email: "grace@example.invalid", name: "Grace" } });
    const flow = await createFlow(db, LOCAL_WORKSPACE.id, { name: "Listed" }, LOCAL_USER.id);
    const other = await createFlow(db, LOCAL_WORKSPACE.id, { name: "Another" }, LOCAL_USER.id);
    const make = (flowId: string, createdById: string) =>
      createShareLink(db, { workspaceId: LOCAL_WORKSPACE.id, flowId, createdById }).then((made) => made!.link);
    const first = await make(flow.id, LOCAL_USER.id);
    const second = await make(flow.id, "grace");
    const revoked = await make(flow.id, "grace");
    await make(other.id, LOCAL_USER.id);
    await revokeShareLink(db, LOCAL_WORKSPACE.id, flow.id, revoked.id);

    const listed = await listShareLinks(db, LOCAL_WORKSPACE.id, flow.id);
    expect(listed.map((link) => [link.id, link.createdBy])).toEqual([
      [second.id, "Grace"],
      [first.id, "Local user"],
    ]);
    // Who made a link may leave; the link stays, made by nobody we can name.
    await db.user.delete({ where: { id: "grace" } });
    expect((await listShareLinks(db, LOCAL_WORKSPACE.id, flow.id))[0]).toMatchObject({ id: second.id, createdBy: null });

    // Another workspace names nothing here: no list, no new link, no revoke; and a link belongs to its own flow.
    const elsewhere = await db.workspace.create({ data: { name: "Elsewhere" } });
    expect(await listShareLinks(db, elsewhere.id, flow.id)).toEqual([]);
    expect(await createShareLink(db, { workspaceId: elsewhere.id, flowId: flow.id, createdById: LOCAL_USER.id })).toBeNull();
    expect(await revokeShareLink(db, elsewhere.id, flow.id, first.id)).toBe(false);
    expect(await revokeShareLink(db, LOCAL_WORKSPACE.id, other.id, first.id)).toBe(false);
    expect(await listShareLinks(db, LOCAL_WORKSPACE.id, flow.id)).toHaveLength(2);
  });

  it("opens nothing once the flow is removed, and makes no link for a removed flow", async () => {
    const { db } = current();
    const flow = await createFlow(db, LOCAL_WORKSPACE.id, { name: "Soon gone" }, LOCAL_USER.id);
    const made = (await createShareLink(db, { workspaceId: LOCAL_WORKSPACE.id, flowId: flow.id, createdById: LOCAL_USER.id }))!;
    await deleteFlow(db, LOCAL_WORKSPACE.id, flow.id);
    expect(await problemOf(openShareLink(db, made.token))).toBe("share_link_not_found");
    expect(await listShareLinks(db, LOCAL_WORKSPACE.id, flow.id)).toEqual([]);
    expect(await createShareLink(db, { workspaceId: LOCAL_WORKSPACE.id, flowId: flow.id, createdById: LOCAL_USER.id })).toBeNull();
  });
});
