import { describe, expect, it } from "vitest";
import { issueSessionToken } from "../auth/session-token";
import { flowTemplates } from "../flow/samples";
import type { FlowGraph } from "../flow/schema";
import { CompiledFlowCache } from "./compiled-flow-cache";
import { createSessionOpener, type FlowLookup } from "./session-opener";

const SECRET = "test-secret-test-secret-test-secret-0123";

/** A draft lookup that honours the hint, as the database thread does, and counts the graphs it hands out. */
function countingLookup(graph: FlowGraph) {
  const state = { revision: 1, graphsRead: 0, calls: [] as Array<number | undefined> };
  const lookup: FlowLookup = {
    async draft(_ownerId, _flowId, knownRevision) {
      state.calls.push(knownRevision);
      if (knownRevision === state.revision) return { revision: state.revision };
      state.graphsRead += 1;
      return { revision: state.revision, graph };
    },
    version: async () => null,
    mayTest: async (_workspaceId, userId) => userId !== "removed-user",
  };
  return { lookup, state };
}

const token = async () => ({ token: (await issueSessionToken({ sub: "user-1", workspaceId: "user-1", flowId: "flow-1" }, SECRET)).token });

describe("the session opener", () => {
  it("reads a flow's graph once per revision: later callers name the revision compiled already", async () => {
    const { lookup, state } = countingLookup(flowTemplates[0]!.graph());
    const open = createSessionOpener({ lookup, secret: () => SECRET });
    for (let caller = 0; caller < 5; caller++)
      expect((await open(await token())).source).toEqual({ kind: "draft", flowId: "flow-1", revision: 1 });
    expect(state.graphsRead).toBe(1);
    expect(state.calls).toEqual([undefined, 1, 1, 1, 1]);

    state.revision = 2;
    expect((await open(await token())).source).toMatchObject({ revision: 2 });
    expect(state.graphsRead).toBe(2);
  });

  it("asks again for the graph when its compiled revision was evicted meanwhile", async () => {
    const { lookup, state } = countingLookup(flowTemplates[0]!.graph());
    const cache = new CompiledFlowCache(1);
    const open = createSessionOpener({ lookup, secret: () => SECRET, cache });
    await open(await token());
    // The hint goes out, then another flow pushes revision 1 out of the one-entry cache before the answer is used.
    const evicting: FlowLookup = {
      ...lookup,
      async draft(ownerId, flowId, knownRevision) {
        const answer = await lookup.draft(ownerId, flowId, knownRevision);
        cache.get({ kind: "draft", flowId: "other", revision: 1 }, () => flowTemplates[0]!.graph());
        return answer;
      },
    };
    const reopen = createSessionOpener({ lookup: evicting, secret: () => SECRET, cache });
    const session = await reopen(await token());
    expect(session.source).toEqual({ kind: "draft", flowId: "flow-1", revision: 1 });
    expect(state.calls).toEqual([undefined, 1, undefined]);
  });

  it("refuses a token whose user may no longer test in its workspace (removed, or made a viewer, since it was minted)", async () => {
    const { lookup } = countingLookup(flowTemplates[0]!.graph());
    const open = createSessionOpener({ lookup, secret: () => SECRET });
    const minted = (await issueSessionToken({ sub: "removed-user", workspaceId: "team", flowId: "flow-1" }, SECRET)).token;
    await expect(open({ token: minted })).rejects.toMatchObject({ code: "access_revoked" });
  });
});
