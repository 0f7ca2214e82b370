import { describe, expect, it } from "vitest";
import { RuntimeEvents, type SessionEvent } from "./session-events";

const event: SessionEvent = { type: "utterance", text: "hi", seq: 1, at: 0 };

describe("RuntimeEvents", () => {
  it("calls listeners in subscription order, reports a throwing one and goes on", () => {
    const errors: unknown[] = [];
    const events = new RuntimeEvents((error) => errors.push(error));
    const calls: string[] = [];
    events.subscribe(() => calls.push("first"));
    events.subscribe(() => {
      throw new Error("boom");
    });
    events.subscribe((sessionId, received) => calls.push(`third:${sessionId}:${received.seq}`));
    events.publish("s", event);
    expect(calls).toEqual(["first", "third:s:1"]);
    expect(errors).toEqual([new Error("boom")]);
  });

  it("stops calling a listener once unsubscribed, even from an earlier listener in the same publish", () => {
    const events = new RuntimeEvents();
    const calls: string[] = [];
    let unsubscribeSecond = () => undefined as unknown;
    const unsubscribeFirst = events.subscribe(() => {
      calls.push("first");
      unsubscribeSecond();
    });
    unsubscribeSecond = events.subscribe(() => calls.push("second"));
    events.publish("s", event);
    expect(calls).toEqual(["first"]);
    expect(events.listenerCount).toBe(1);
    unsubscribeFirst();
    events.publish("s", event);
    expect(calls).toEqual(["first"]);
    expect(events.listenerCount).toBe(0);
  });
});
