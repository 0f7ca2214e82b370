import { describe, expect, it } from "vitest";
import { sampleLog } from "../testing/session-event-samples";
import type { SessionEventBody } from "./session-events";
import { stampEvent } from "./stamp-event";

describe("stampEvent", () => {
  it.each(sampleLog().map((body) => [body.type, body] as const))("keeps every field of %s", (_type, body) => {
    const event = stampEvent(body, 7, 1_000);
    expect(event).toStrictEqual({ ...body, seq: 7, at: 1_000 });
    expect(event).not.toBe(body);
  });

  it("leaves absent optional fields out of the JSON the wire and the database get", () => {
    const event = stampEvent({ type: "reply", text: "Hi" }, 1, 5);
    expect(JSON.parse(JSON.stringify(event))).toEqual({ type: "reply", text: "Hi", seq: 1, at: 5 });
  });

  it("copies whole an event of a type it does not know (a handler's own)", () => {
    const invented = { type: "custom.thing", detail: { a: 1 } } as unknown as SessionEventBody; // a code handler's untyped trace
    expect(stampEvent(invented, 2, 3)).toStrictEqual({ type: "custom.thing", detail: { a: 1 }, seq: 2, at: 3 });
  });
});
