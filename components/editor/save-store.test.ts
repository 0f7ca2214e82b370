import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/client/api-error";
import type { FlowRecord } from "@/lib/client/api-types";
import { flowApi } from "@/lib/client/flow-api";
import { flowTemplates } from "@/lib/flow/samples";
import { useDocumentStore } from "./document-store";
import { initialSaveState, useSaveStore } from "./save-store";

vi.mock("@/lib/client/flow-api", () => ({ flowApi: { update: vi.fn() } }));

/** A PUT whose answer the test gives when it wants. */
function pendingUpdate() {
  let answer: (flow: Pick<FlowRecord, "revision">) => void = () => {};
  let refuse: (error: unknown) => void = () => {};
  vi.mocked(flowApi.update).mockReturnValue(
    new Promise((resolve, reject) => {
      answer = (flow) => resolve({ flow: flow as FlowRecord, validation: { ok: true, issues: [] } });
      refuse = reject;
    }),
  );
  return { answer: (revision: number) => answer({ revision }), refuse };
}

beforeEach(() => {
  useDocumentStore.getState().load("flow-1", "Booking", flowTemplates[0]!.graph());
  useSaveStore.setState(initialSaveState);
  useSaveStore.getState().loaded(1);
});

describe("saving over HTTP when live co-editing takes over", () => {
  it("without it, a save that finishes after another edit leaves the draft dirty, to be saved next", async () => {
    const put = pendingUpdate();
    useDocumentStore.getState().patchFlowVoice({ voice: "espeak:en-us" });
    const saving = useSaveStore.getState().flush();
    expect(useSaveStore.getState().status).toBe("saving");
    useDocumentStore.getState().patchFlowVoice({ voice: undefined });
    put.answer(2);
    expect(await saving).toBe(true);
    expect(useSaveStore.getState()).toMatchObject({ status: "dirty", revision: 2 });
  });

  it("leaves the status to live saving that began while the save was in flight, whatever the save's answer", async () => {
    for (const finish of [
      (put: ReturnType<typeof pendingUpdate>) => put.answer(2),
      (put: ReturnType<typeof pendingUpdate>) => put.refuse(new ApiError(409, "revision_conflict", "newer")),
    ]) {
      useSaveStore.setState({ ...initialSaveState, live: null });
      const put = pendingUpdate();
      useDocumentStore.getState().patchFlowVoice({ voice: "espeak:en-us" });
      const saving = useSaveStore.getState().flush();
      // Back online, the editor joins: live saving has nothing left to send, and showing the shared document moves
      // the version.
      useSaveStore.setState({ live: { flush: async () => true }, status: "saved" });
      useDocumentStore.getState().patchFlowVoice({ voice: undefined });
      finish(put);
      await saving;
      expect(useSaveStore.getState()).toMatchObject({ status: "saved", conflict: null });
    }
  });
});
