import { describe, expect, it } from "vitest";
import { ManualClock } from "../testing/manual-clock";
import type { Handler } from "./handler";
import { EndStream, reply } from "./outputs";
import { RuntimeEvents } from "./session-events";
import { Session } from "./session";
import { MemoryTransport } from "./transports/memory";

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Listens with the given timeouts in turn, replying with what it heard; ends with reason timeout on the first silence. */
function listener(timeouts: number[]): Handler {
  return async function* (call) {
    for (const timeoutMs of timeouts) {
      const heard = await call.listen({ timeoutMs });
      if (heard.type === "timeout") {
        yield new EndStream({ reason: "timeout" });
        return;
      }
      yield reply(`heard ${heard.text}`);
    }
  };
}

function start(handler: Handler) {
  const clock = new ManualClock();
  const transport = new MemoryTransport();
  const session = new Session({
    meta: { sessionId: "s", source: { kind: "code", name: "test" }, transport: "memory" },
    handler,
    transport,
    events: new RuntimeEvents(),
    clock,
  });
  return { session, clock, transport, done: session.run() };
}

describe("listen timer", () => {
  it("keeps one timer across listens and times out each listen at its own deadline", async () => {
    const { session, clock, done } = start(listener([10_000, 10_000]));
    await settle();
    clock.advance(6_000);
    session.receive({ type: "utterance", text: "a" });
    await settle();
    // The second listen's deadline is 16 s; the timer armed for the first (10 s) is reused, not replaced.
    expect(clock.pending).toBe(1);
    clock.advance(9_999 - 6_000);
    await settle();
    expect(session.state).toBe("running");
    clock.advance(6_000);
    await settle();
    expect(session.state).toBe("running");
    expect(clock.pending).toBe(1);
    clock.advance(1);
    expect(await done).toEqual({ reason: "timeout" });
    expect(clock.now()).toBe(16_000);
    expect(clock.pending).toBe(0);
  });

  it("re-arms for a listen whose deadline is earlier than the armed timer", async () => {
    const { session, clock, done } = start(listener([60_000, 1_000]));
    await settle();
    session.receive({ type: "utterance", text: "a" });
    await settle();
    expect(clock.pending).toBe(1);
    clock.advance(1_000);
    expect(await done).toEqual({ reason: "timeout" });
    expect(clock.pending).toBe(0);
  });

  it("leaves no timer behind when the session ends while no listen is pending", async () => {
    const { session, clock, done, transport } = start(listener([10_000]));
    await settle();
    session.receive({ type: "utterance", text: "a" });
    expect(await done).toEqual({ reason: "completed" });
    expect(transport.replies).toEqual(["heard a"]);
    expect(clock.pending).toBe(0);
  });
});
