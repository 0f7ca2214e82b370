import { afterAll, beforeAll, expect, it } from "vitest";
import { closeDatabase, database } from "@/lib/db/database";
import { describeEachDatabase } from "@/lib/db/test-databases";
import { signUpForTest, type SignedIn } from "@/lib/testing/signed-in";
import { requestAs, routeParams } from "@/lib/testing/team-workspace";
import { createInvitation } from "@/lib/workspaces/invitations";
import * as accept from "./invitations/accept/route";
import * as preview from "./invitations/preview/route";
import * as mine from "./invitations/route";
import * as workspaceInvitations from "./workspaces/[id]/invitations/route";
import * as oneInvitation from "./workspaces/[id]/invitations/[invitationId]/route";
import * as members from "./workspaces/[id]/members/route";
import * as workspaces from "./workspaces/route";

const none = routeParams({});
const as = requestAs;

async function answer(
  response: Response,
): Promise<{ status: number; body: Record<string, unknown> & { error?: { code: string; message: string } } }> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

describeEachDatabase("invitations to a workspace", (current) => {
  const previousUrl = process.env.DATABASE_URL;
  let owner: SignedIn;
  let teammate: SignedIn;
  let stranger: SignedIn;
  let workspaceId: string;

  beforeAll(async () => {
    process.env.SWITCHBOARD_SECRET ??= "test-secret-of-at-least-thirty-two-characters";
    await closeDatabase();
    process.env.DATABASE_URL = current().url;
    owner = await signUpForTest({ name: "Olivia Owner" });
    teammate = await signUpForTest({ name: "Theo Teammate", email: `Theo.${Date.now()}@Example.com` });
    stranger = await signUpForTest({ name: "Sam Stranger" });
    const made = await answer(await workspaces.POST(as(owner, "/workspaces", { method: "POST", body: { name: "Support team" } }), none));
    workspaceId = (made.body.workspace as { id: string }).id;
  });
  afterAll(async () => {
    await closeDatabase();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  const invite = async (body: Record<string, unknown>) =>
    answer(
      await workspaceInvitations.POST(as(owner, `/workspaces/${workspaceId}/invitations`, { method: "POST", body }), {
        params: Promise.resolve({ id: workspaceId }),
      }),
    );
  const tokenOf = (path: unknown) => decodeURIComponent(String(path).replace(/^\/invite\//, ""));
  const roleOf = async (who: SignedIn) => {
    const listed = await answer(
      await members.GET(as(owner, `/workspaces/${workspaceId}/members`), { params: Promise.resolve({ id: workspaceId }) }),
    );
    return (listed.body.members as Array<{ userId: string; role: string }>).find((member) => member.userId === who.user.id)?.role;
  };

  it("lets anyone signed in with the link join with its role, until it is withdrawn", async () => {
    const made = await invite({ role: "editor" });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ path: expect.stringMatching(/^\/invite\/[A-Za-z0-9_-]{43}$/), mailed: false });
    expect(made.body.invitation).toMatchObject({ role: "editor", email: null, invitedBy: "Olivia Owner" });
    const token = tokenOf(made.body.path);

    const seen = await answer(await preview.GET(as(teammate, `/invitations/preview?token=${encodeURIComponent(token)}`), none));
    expect(seen.status).toBe(200);
    expect(seen.body.invitation).toMatchObject({ workspaceName: "Support team", role: "editor", invitedBy: "Olivia Owner" });

    const joined = await answer(await accept.POST(as(teammate, "/invitations/accept", { method: "POST", body: { token } }), none));
    expect(joined).toMatchObject({ status: 200, body: { workspaceId, role: "editor", joined: true } });
    expect(await roleOf(teammate)).toBe("editor");
    // A link is for a team, not one person: it still works for the next one.
    expect((await accept.POST(as(stranger, "/invitations/accept", { method: "POST", body: { token } }), none)).status).toBe(200);
    // Someone who is a member already keeps their role: an owner is not lowered to editor by opening the link.
    expect(await answer(await accept.POST(as(owner, "/invitations/accept", { method: "POST", body: { token } }), none))).toMatchObject({
      body: { role: "owner", joined: false },
    });

    const listed = await answer(
      await workspaceInvitations.GET(as(owner, `/workspaces/${workspaceId}/invitations`), { params: Promise.resolve({ id: workspaceId }) }),
    );
    const id = (made.body.invitation as { id: string }).id;
    expect((listed.body.invitations as Array<{ id: string }>).map((invitation) => invitation.id)).toContain(id);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const revoked = await oneInvitation.DELETE(as(owner, `/workspaces/${workspaceId}/invitations/${id}`, { method: "DELETE" }), {
      params: Promise.resolve({ id: workspaceId, invitationId: id }),
    });
    expect(revoked.status).toBe(204);
    const late = await signUpForTest({ name: "Late Larry" });
    const refused = await answer(await accept.POST(as(late, "/invitations/accept", { method: "POST", body: { token } }), none));
    expect([refused.status, refused.body.error?.code]).toEqual([410, "invitation_revoked"]);
    expect(refused.body.error?.message).toBe("This invitation was withdrawn. Ask for a new one.");
    expect(await roleOf(late)).toBeUndefined();
  });

  it("refuses an expired link, a made-up one and a malformed request, each plainly", async () => {
    const db = await database();
    const { token } = await createInvitation(
      db,
      { workspaceId, role: "viewer", createdById: owner.user.id, days: 1 },
      new Date(Date.now() - 2 * 86_400_000),
    );
    const expired = await answer(await accept.POST(as(stranger, "/invitations/accept", { method: "POST", body: { token } }), none));
    expect([expired.status, expired.body.error?.code]).toEqual([410, "invitation_expired"]);
    const madeUp = await answer(await preview.GET(as(stranger, "/invitations/preview?token=not-a-real-invitation"), none));
    expect([madeUp.status, madeUp.body.error?.code]).toEqual([404, "invitation_not_found"]);
    const both = await answer(
      await accept.POST(as(stranger, "/invitations/accept", { method: "POST", body: { token, invitationId: "x" } }), none),
    );
    expect([both.status, both.body.error?.code]).toEqual([400, "invalid_request"]);
    const badEmail = await invite({ role: "editor", email: "not an address" });
    expect([badEmail.status, badEmail.body.error?.code]).toEqual([400, "invalid_request"]);
  });

  it("shows an invitation by email to its person only, who accepts it once", async () => {
    // Addresses compare without case: the owner types it as they remember it.
    const made = await invite({ role: "viewer", email: teammate.user.email.toUpperCase() });
    expect(made.status).toBe(201);
    const id = (made.body.invitation as { id: string }).id;
    const token = tokenOf(made.body.path);

    const waiting = await answer(await mine.GET(as(teammate, "/invitations"), none));
    expect(waiting.body.invitations).toEqual([expect.objectContaining({ id, workspaceName: "Support team", role: "viewer" })]);
    expect((await answer(await mine.GET(as(stranger, "/invitations"), none))).body.invitations).toEqual([]);

    const byLink = await answer(await accept.POST(as(stranger, "/invitations/accept", { method: "POST", body: { token } }), none));
    expect([byLink.status, byLink.body.error?.code]).toEqual([403, "invitation_for_someone_else"]);
    expect(byLink.body.error?.message).toContain(teammate.user.email.toLowerCase());
    // By id, someone else's invitation does not exist.
    const byId = await answer(await accept.POST(as(stranger, "/invitations/accept", { method: "POST", body: { invitationId: id } }), none));
    expect([byId.status, byId.body.error?.code]).toEqual([404, "invitation_not_found"]);

    // Theo is an editor already (by the link above): the invitation as viewer does not lower that.
    const joined = await answer(
      await accept.POST(as(teammate, "/invitations/accept", { method: "POST", body: { invitationId: id } }), none),
    );
    expect(joined).toMatchObject({ status: 200, body: { workspaceId, role: "editor", joined: false } });
    const again = await answer(
      await accept.POST(as(teammate, "/invitations/accept", { method: "POST", body: { invitationId: id } }), none),
    );
    expect([again.status, again.body.error?.code]).toEqual([410, "invitation_used"]);
    expect((await answer(await mine.GET(as(teammate, "/invitations"), none))).body.invitations).toEqual([]);
  });

  it("answers only owners: an editor can neither invite nor list nor withdraw", async () => {
    expect(await roleOf(teammate)).toBe("editor");
    const params = { params: Promise.resolve({ id: workspaceId }) };
    expect(
      (
        await workspaceInvitations.POST(
          as(teammate, `/workspaces/${workspaceId}/invitations`, { method: "POST", body: { role: "owner" } }),
          params,
        )
      ).status,
    ).toBe(403);
    expect((await workspaceInvitations.GET(as(teammate, `/workspaces/${workspaceId}/invitations`), params)).status).toBe(403);
  });
});
