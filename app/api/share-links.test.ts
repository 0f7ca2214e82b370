import { afterAll, beforeAll, expect, it } from "vitest";
import { closeDatabase, database } from "@/lib/db/database";
import { describeEachDatabase } from "@/lib/db/test-databases";
import { flowTemplates } from "@/lib/flow/samples";
import { signUpForTest, type SignedIn } from "@/lib/testing/signed-in";
import { requestAs } from "@/lib/testing/team-workspace";
import * as oneFlow from "./flows/[id]/route";
import * as shareLinks from "./flows/[id]/share-links/route";
import * as oneShareLink from "./flows/[id]/share-links/[linkId]/route";
import * as shared from "./shared/[token]/route";

const as = (who: SignedIn, path: string, method = "GET") => requestAs(who, path, { method });

async function answer(response: Response): Promise<{ status: number; body: Record<string, unknown> & { error?: { code: string } } }> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

describeEachDatabase("share links of a flow", (current) => {
  const previousUrl = process.env.DATABASE_URL;
  let owner: SignedIn;
  let editor: SignedIn;
  let viewer: SignedIn;
  let stranger: SignedIn;
  let flowId: string;

  beforeAll(async () => {
    process.env.SWITCHBOARD_SECRET ??= "test-secret-of-at-least-thirty-two-characters";
    await closeDatabase();
    process.env.DATABASE_URL = current().url;
    owner = await signUpForTest({ name: "Olivia Owner" });
    editor = await signUpForTest({ name: "Eddie Editor" });
    viewer = await signUpForTest({ name: "Vera Viewer" });
    stranger = await signUpForTest({ name: "Sam Stranger" });
    const db = await database();
    const workspace = await db.workspace.create({
      data: {
        name: "Support team",
        memberships: {
          create: [
            { userId: owner.user.id, role: "owner" },
            { userId: editor.user.id, role: "editor" },
            { userId: viewer.user.id, role: "viewer" },
          ],
        },
      },
    });
    const flow = await db.flow.create({
      data: { workspaceId: workspace.id, createdById: owner.user.id, name: "Order status line", graph: flowTemplates[0]!.graph() },
    });
    flowId = flow.id;
  });
  afterAll(async () => {
    await closeDatabase();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  const create = async (who: SignedIn) =>
    answer(await shareLinks.POST(as(who, `/flows/${flowId}/share-links`, "POST"), { params: Promise.resolve({ id: flowId }) }));
  const list = async (who: SignedIn) =>
    answer(await shareLinks.GET(as(who, `/flows/${flowId}/share-links`), { params: Promise.resolve({ id: flowId }) }));
  const revoke = async (who: SignedIn, linkId: string) =>
    answer(
      await oneShareLink.DELETE(as(who, `/flows/${flowId}/share-links/${linkId}`, "DELETE"), {
        params: Promise.resolve({ id: flowId, linkId }),
      }),
    );
  const open = async (who: SignedIn, token: string) =>
    answer(await shared.GET(as(who, `/shared/${encodeURIComponent(token)}`), { params: Promise.resolve({ token }) }));
  const tokenOf = (path: unknown) => decodeURIComponent(String(path).replace(/^\/shared\//, ""));

  it("lets owners and editors make a link that any signed-in person can open read-only, until one of them revokes it", async () => {
    const made = await create(owner);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ path: expect.stringMatching(/^\/shared\/[A-Za-z0-9_-]{43}$/) });
    expect(made.body.link).toMatchObject({ flowId, createdBy: "Olivia Owner" });
    const token = tokenOf(made.body.path);

    // Someone in no workspace of the flow sees it as a viewer would, and nothing of its workspace.
    const seen = await open(stranger, token);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ role: "viewer", validation: { ok: true }, flow: { id: flowId, name: "Order status line" } });
    expect(seen.body.flow).not.toHaveProperty("workspaceId");
    // The link is no membership: the flow itself stays out of the stranger's reach.
    expect((await answer(await oneFlow.GET(as(stranger, `/flows/${flowId}`), { params: Promise.resolve({ id: flowId }) }))).status).toBe(
      404,
    );

    const byEditor = await create(editor);
    expect(byEditor.status).toBe(201);
    const listed = await list(editor);
    expect(listed.status).toBe(200);
    expect((listed.body.links as Array<{ createdBy: string }>).map((link) => link.createdBy)).toEqual(["Eddie Editor", "Olivia Owner"]);
    expect(JSON.stringify(listed.body)).not.toContain(token);

    // The editor revokes the owner's link: it stops at once, and leaves the list; the other one still opens.
    const linkId = (made.body.link as { id: string }).id;
    expect((await revoke(editor, linkId)).status).toBe(204);
    expect(await open(stranger, token)).toMatchObject({ status: 410, body: { error: { code: "share_link_revoked" } } });
    expect((await list(owner)).body.links).toHaveLength(1);
    expect((await open(stranger, tokenOf(byEditor.body.path))).status).toBe(200);
    expect(await revoke(owner, linkId)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });

  it("refuses a viewer making, listing or revoking links, and strangers any of it", async () => {
    const made = await create(owner);
    const linkId = (made.body.link as { id: string }).id;
    for (const attempt of [create(viewer), list(viewer), revoke(viewer, linkId)]) {
      expect(await attempt).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    }
    for (const attempt of [create(stranger), list(stranger), revoke(stranger, linkId)]) {
      expect(await attempt).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    }
    // The viewer may open the link like anyone else.
    expect((await open(viewer, tokenOf(made.body.path))).status).toBe(200);
  });

  it("answers 404 for an unknown link and for the link of a removed flow", async () => {
    expect(await open(stranger, "no-such-link")).toMatchObject({ status: 404, body: { error: { code: "share_link_not_found" } } });
    const made = await create(owner);
    await oneFlow.DELETE(as(owner, `/flows/${flowId}`, "DELETE"), { params: Promise.resolve({ id: flowId }) });
    expect(await open(stranger, tokenOf(made.body.path))).toMatchObject({ status: 404, body: { error: { code: "share_link_not_found" } } });
  });
});
