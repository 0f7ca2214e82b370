import { describe, expect, it } from "vitest";
import { flowTemplates } from "../flow/samples";
import { compileFlow } from "./compile-flow";
import { flowHandler } from "./flow-handler";
import { RuntimeEvents, type SessionEvent } from "./session-events";
import { Session } from "./session";
import { MemoryTransport } from "./transports/memory";

function startSample() {
  const template = flowTemplates[0];
  if (!template) throw new Error("no sample");
  const flow = compileFlow(template.graph());
  const events = new RuntimeEvents();
  const log: SessionEvent[] = [];
  events.subscribe((_id, event) => log.push(event));
  const transport = new MemoryTransport();
  const session = new Session({
    meta: { sessionId: "s1", source: { kind: "code", name: "sample" }, transport: "memory" },
    handler: flowHandler(flow),
    transport,
    events,
  });
  const done = session.run();
  return { session, transport, done, log };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("sample flow", () => {
  it("books an appointment and ends with the goodbye before end and close", async () => {
    const { session, transport, done, log } = startSample();
    await tick();
    session.receive({ type: "utterance", text: "I want to BOOK!" });
    await tick();
    session.receive({ type: "utterance", text: "Ada" });
    const end = await done;
    expect(end).toEqual({ reason: "booked" });
    expect(transport.records.slice(-4)).toEqual([
      { type: "reply", text: "Thanks, Ada. You're booked for tomorrow at 10 am." },
      { type: "reply", text: "See you then. Goodbye!" },
      { type: "end", end: { reason: "booked" } },
      { type: "close" },
    ]);
    expect(log.map((event) => event.seq)).toEqual(log.map((_, index) => index + 1));
    expect(session.hasPendingTimer).toBe(false);
  });
});
