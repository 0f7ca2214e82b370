import { afterAll, beforeAll, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db/database";
import { describeEachDatabase } from "@/lib/db/test-databases";
import { startServer, type RunningServer } from "@/lib/server/start-server";
import { signUpForTest, type SignedIn } from "@/lib/testing/signed-in";
import { requestAs, routeParams, setUpTeam } from "@/lib/testing/team-workspace";
import { RecordingClient } from "@/lib/testing/socket-client";
import * as flowSessions from "./flows/[id]/sessions/route";
import * as member from "./workspaces/[id]/members/[userId]/route";

const as = requestAs;
const params = routeParams;

/*
 * A member who loses the right to test a workspace's flows loses their live calls in it at once: removed, or made a
 * viewer, each hears the goodbye and gets `end` with reason `access_revoked`; the owner's own call goes on.
 */
describeEachDatabase("a member's live calls when their access ends", (current) => {
  const previousUrl = process.env.DATABASE_URL;
  let server: RunningServer;
  let owner: SignedIn;
  let theo: SignedIn;
  let vera: SignedIn;
  let workspaceId: string;
  let flowId: string;

  beforeAll(async () => {
    process.env.SWITCHBOARD_SECRET ??= "test-secret-of-at-least-thirty-two-characters";
    await closeDatabase();
    process.env.DATABASE_URL = current().url;
    server = await startServer({ port: 0, hostname: "127.0.0.1", withEditor: false, dev: false, database: current(), voice: false });
    owner = await signUpForTest({ name: "Olivia Owner" });
    theo = await signUpForTest({ name: "Theo Teammate" });
    vera = await signUpForTest({ name: "Vera Viewer-to-be" });
    ({ workspaceId, flowId } = await setUpTeam(current().db, owner, [
      { who: theo, role: "editor" },
      { who: vera, role: "editor" },
    ]));
  });
  afterAll(async () => {
    await server?.stop();
    await closeDatabase();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
  });

  async function callAs(who: SignedIn): Promise<RecordingClient> {
    const issued = await flowSessions.POST(as(who, `/flows/${flowId}/sessions`, { method: "POST", body: {} }), params({ id: flowId }));
    expect(issued.status).toBe(201);
    const client = new RecordingClient(server.url, { token: ((await issued.json()) as { token: string }).token });
    await client.connected();
    await client.waitForEvent("reply");
    return client;
  }

  it("ends a removed member's call and a new viewer's call, and leaves the owner's alone", async () => {
    const [ownerCall, theoCall, veraCall] = await Promise.all([callAs(owner), callAs(theo), callAs(vera)]);

    expect(
      (
        await member.DELETE(
          as(owner, `/workspaces/${workspaceId}/members/${theo.user.id}`, { method: "DELETE" }),
          params({ id: workspaceId, userId: theo.user.id }),
        )
      ).status,
    ).toBe(204);
    await theoCall.waitForEvent("disconnect");
    expect(theoCall.timeline().slice(-3)).toEqual([
      "reply:You no longer have access to this workspace, so this call has ended.",
      "end:access_revoked",
      "disconnect:io server disconnect",
    ]);

    const demoted = await member.PUT(
      as(owner, `/workspaces/${workspaceId}/members/${vera.user.id}`, { method: "PUT", body: { role: "viewer" } }),
      params({ id: workspaceId, userId: vera.user.id }),
    );
    expect(demoted.status).toBe(200);
    await veraCall.waitForEvent("disconnect");
    expect(veraCall.timeline().at(-2)).toBe("end:access_revoked");

    // The owner's call is still live and answers.
    expect(ownerCall.socket.connected).toBe(true);
    ownerCall.say("I want to book an appointment");
    await ownerCall.waitFor((event) => event.event === "reply" && event.data.text.includes("name"));
    ownerCall.socket.disconnect();
  });
});
