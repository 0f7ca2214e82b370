import { randomUUID } from "node:crypto";
import { LOCAL_SCOPE } from "../testing/local-access";
import { expect, it } from "vitest";
import { LOCAL_USER } from "../auth/local-user";
import { describeEachDatabase } from "../db/test-databases";
import { flowTemplates } from "../flow/samples";
import { compileFlow } from "../runtime/compile-flow";
import { flowHandler } from "../runtime/flow-handler";
import { RuntimeEvents, type SessionEvent } from "../runtime/session-events";
import { Session } from "../runtime/session";
import { MemoryTransport } from "../runtime/transports/memory";
import { getSession } from "./session-queries";
import { createSessionRecorder } from "./session-recorder";

const settle = () => new Promise((resolve) => setImmediate(resolve));

describeEachDatabase("session recorder on a real runtime session", (current) => {
  it("stores exactly the log the runtime published, and the end reason of the flow's End node", async () => {
    const { db } = current();
    const events = new RuntimeEvents((error) => {
      throw error;
    });
    const published: SessionEvent[] = [];
    events.subscribe((_id, event) => published.push(event));
    const recorder = createSessionRecorder(db);
    events.subscribe(recorder.listener);

    const sessionId = randomUUID();
    const session = new Session({
      meta: { sessionId, source: { kind: "draft", flowId: "booking", revision: 1 }, transport: "memory", userId: LOCAL_USER.id },
      handler: flowHandler(compileFlow(flowTemplates[0]!.graph())),
      transport: new MemoryTransport(),
      events,
    });
    const done = session.run();
    await settle();
    session.receive({ type: "utterance", text: "Yes, an appointment please" });
    await settle();
    session.receive({ type: "utterance", text: "Grace Hopper" });
    const end = await done;
    await recorder.flush();

    const stored = await getSession(db, LOCAL_SCOPE, sessionId);
    expect(stored?.session).toMatchObject({ status: "ended", endReason: end.reason, source: { kind: "draft", revision: 1 } });
    expect(stored?.events.map((event) => ({ seq: event.seq, type: event.type, at: event.at.getTime() }))).toEqual(
      published.map((event) => ({ seq: event.seq, type: event.type, at: event.at })),
    );
    expect(stored?.events.find((event) => event.type === "utterance")?.data).toEqual({
      type: "utterance",
      text: "Yes, an appointment please",
    });
  });
});
